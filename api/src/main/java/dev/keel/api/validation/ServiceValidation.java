package dev.keel.api.validation;

import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a service spec: type, ports (range, protocol, unique names), selector. */
final class ServiceValidation {
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

    private ServiceValidation() {
    }

    static void validate(ServiceSpec s, FieldPath p, List<FieldError> errs) {
        Checks.oneOf(s.type(), TYPES, p.child("type"), errs);
        boolean headless = "None".equals(s.clusterIP());
        if (s.ports().isEmpty() && !"ExternalName".equals(s.type()) && !headless) {
            errs.add(FieldError.required(p.child("ports"), ""));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < s.ports().size(); i++) {
            ServicePort port = s.ports().get(i);
            FieldPath pp = p.child("ports").index(i);
            if (port.name() == null || port.name().isEmpty()) {
                if (s.ports().size() > 1) {
                    errs.add(FieldError.required(pp.child("name"), ""));
                }
            } else {
                for (String e : NameRules.dns1123Label(port.name())) {
                    errs.add(FieldError.invalid(pp.child("name"), port.name(), e));
                }
                if (!names.add(port.name())) {
                    errs.add(FieldError.duplicate(pp.child("name"), port.name()));
                }
            }
            Checks.port(port.port(), pp.child("port"), true, errs);
            Checks.oneOf(port.protocol(), ContainerValidation.PROTOCOLS, pp.child("protocol"), errs);
            if (port.targetPort() != null) {
                Checks.portOrName(port.targetPort(), pp.child("targetPort"), errs);
            }
            Checks.port(port.nodePort(), pp.child("nodePort"), false, errs);
            if (port.nodePort() != null && "ClusterIP".equals(s.type())) {
                errs.add(FieldError.forbidden(pp.child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
            }
        }
        MetadataValidation.labels(s.selector(), p.child("selector"), errs);
    }
}
