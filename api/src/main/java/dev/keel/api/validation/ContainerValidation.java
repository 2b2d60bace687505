package dev.keel.api.validation;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.EnvVar;
import dev.keel.api.core.Probe;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.quantity.Quantity;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one container: name, image, ports, env, resources and probes. Name uniqueness is checked by the pod. */
final class ContainerValidation {
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private ContainerValidation() {
    }

    static void validate(Container c, FieldPath p, List<FieldError> errs) {
        if (MetadataValidation.isEmpty(c.name())) {
            errs.add(FieldError.required(p.child("name"), ""));
        } else {
            for (String e : NameRules.dns1123Label(c.name())) {
                errs.add(FieldError.invalid(p.child("name"), c.name(), e));
            }
        }
        Checks.requiredString(c.image(), p.child("image"), errs);
        Checks.oneOf(c.imagePullPolicy(), PULL_POLICIES, p.child("imagePullPolicy"), errs);
        ports(c.ports(), p.child("ports"), errs);
        for (int i = 0; i < c.env().size(); i++) {
            EnvVar e = c.env().get(i);
            FieldPath ep = p.child("env").index(i).child("name");
            if (MetadataValidation.isEmpty(e.name())) {
                errs.add(FieldError.required(ep, ""));
            } else if (!ENV_NAME.matcher(e.name()).matches()) {
                errs.add(FieldError.invalid(ep, e.name(), "a valid environment variable name must consist of "
                        + "alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"));
            }
        }
        resources(c.resources(), p.child("resources"), errs);
        probe(c.livenessProbe(), p.child("livenessProbe"), errs);
        probe(c.readinessProbe(), p.child("readinessProbe"), errs);
        probe(c.startupProbe(), p.child("startupProbe"), errs);
    }

    private static void ports(List<ContainerPort> ports, FieldPath p, List<FieldError> errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            FieldPath pp = p.index(i);
            Checks.port(port.containerPort(), pp.child("containerPort"), true, errs);
            Checks.port(port.hostPort(), pp.child("hostPort"), false, errs);
            Checks.oneOf(port.protocol(), PROTOCOLS, pp.child("protocol"), errs);
            if (port.name() != null && !port.name().isEmpty()) {
                Checks.portName(port.name(), pp.child("name"), errs);
                if (!names.add(port.name())) {
                    errs.add(FieldError.duplicate(pp.child("name"), port.name()));
                }
            }
        }
    }

    private static void resources(ResourceRequirements r, FieldPath p, List<FieldError> errs) {
        for (Map.Entry<String, Quantity> e : r.limits().entrySet()) {
            nonNegative(e.getValue(), p.child("limits").key(e.getKey()), errs);
        }
        for (Map.Entry<String, Quantity> e : r.requests().entrySet()) {
            FieldPath rp = p.child("requests").key(e.getKey());
            nonNegative(e.getValue(), rp, errs);
            Quantity limit = r.limits().get(e.getKey());
            if (limit != null && e.getValue().compareTo(limit) > 0) {
                errs.add(FieldError.invalid(rp, e.getValue().toString(),
                        "must be less than or equal to " + e.getKey() + " limit of " + limit));
            }
        }
    }

    private static void nonNegative(Quantity q, FieldPath p, List<FieldError> errs) {
        if (q.signum() < 0) {
            errs.add(FieldError.invalid(p, q.toString(), "must be greater than or equal to 0"));
        }
    }

    private static void probe(Probe probe, FieldPath p, List<FieldError> errs) {
        if (probe == null) {
            return;
        }
        int handlers = (probe.exec() != null ? 1 : 0) + (probe.httpGet() != null ? 1 : 0)
                + (probe.tcpSocket() != null ? 1 : 0);
        if (handlers == 0) {
            errs.add(FieldError.required(p, "must specify a handler type"));
        } else if (handlers > 1) {
            errs.add(FieldError.forbidden(p, "may not specify more than 1 handler type"));
        }
        if (probe.exec() != null && probe.exec().command().isEmpty()) {
            errs.add(FieldError.required(p.child("exec").child("command"), ""));
        }
        if (probe.httpGet() != null) {
            Checks.portOrName(probe.httpGet().port(), p.child("httpGet").child("port"), errs);
            Checks.oneOf(probe.httpGet().scheme(), List.of("HTTP", "HTTPS"), p.child("httpGet").child("scheme"), errs);
        }
        if (probe.tcpSocket() != null) {
            Checks.portOrName(probe.tcpSocket().port(), p.child("tcpSocket").child("port"), errs);
        }
        Checks.nonNegative(probe.initialDelaySeconds(), p.child("initialDelaySeconds"), errs);
        Checks.nonNegative(probe.timeoutSeconds(), p.child("timeoutSeconds"), errs);
        Checks.nonNegative(probe.periodSeconds(), p.child("periodSeconds"), errs);
        Checks.nonNegative(probe.successThreshold(), p.child("successThreshold"), errs);
        Checks.nonNegative(probe.failureThreshold(), p.child("failureThreshold"), errs);
        Checks.positive(probe.terminationGracePeriodSeconds(), p.child("terminationGracePeriodSeconds"), errs);
    }
}
