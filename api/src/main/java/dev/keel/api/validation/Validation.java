package dev.keel.api.validation;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.coordination.Lease;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Event;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.core.Taint;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.quantity.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates an object for create or update. Run {@link Defaults#apply} first, as the apiserver does; fields that
 * defaulting fills (restartPolicy, protocol, ...) are accepted when unset. The result is empty when the object is
 * valid; otherwise each error names its field, and the apiserver answers 422 Invalid with one cause per error.
 */
public final class Validation {
    private Validation() {
    }

    public static List<FieldError> validate(KubeObject o) {
        List<FieldError> errs = new ArrayList<>();
        if (o instanceof Pod p) {
            MetadataValidation.validate(p.metadata(), true, NameRules::dns1123Subdomain, errs);
            PodSpecValidation.validate(p.spec(), FieldPath.root("spec"), errs);
        } else if (o instanceof Service s) {
            MetadataValidation.validate(s.metadata(), true, NameRules::dns1035Label, errs);
            ServiceValidation.validate(s.spec(), FieldPath.root("spec"), errs);
        } else if (o instanceof ReplicaSet rs) {
            MetadataValidation.validate(rs.metadata(), true, NameRules::dns1123Subdomain, errs);
            WorkloadValidation.replicaSet(rs.spec(), errs);
        } else if (o instanceof Deployment d) {
            MetadataValidation.validate(d.metadata(), true, NameRules::dns1123Subdomain, errs);
            WorkloadValidation.deployment(d.spec(), errs);
        } else if (o instanceof Namespace ns) {
            MetadataValidation.validate(ns.metadata(), false, NameRules::dns1123Label, errs);
        } else if (o instanceof Node n) {
            MetadataValidation.validate(n.metadata(), false, NameRules::dns1123Subdomain, errs);
            node(n, errs);
        } else if (o instanceof Endpoints e) {
            MetadataValidation.validate(e.metadata(), true, NameRules::dns1123Subdomain, errs);
            endpoints(e, errs);
        } else if (o instanceof Lease l) {
            MetadataValidation.validate(l.metadata(), true, NameRules::dns1123Subdomain, errs);
            Checks.positive(l.spec().leaseDurationSeconds(), FieldPath.root("spec").child("leaseDurationSeconds"), errs);
            Checks.nonNegative(l.spec().leaseTransitions(), FieldPath.root("spec").child("leaseTransitions"), errs);
        } else if (o instanceof Event ev) {
            MetadataValidation.validate(ev.metadata(), true, NameRules::dns1123Subdomain, errs);
            if (ev.involvedObject() == null) {
                errs.add(FieldError.required(FieldPath.root("involvedObject"), ""));
            }
        } else {
            throw new IllegalArgumentException("no validation for kind " + o.kind());
        }
        return List.copyOf(errs);
    }

    private static void node(Node n, List<FieldError> errs) {
        FieldPath tp = FieldPath.root("spec").child("taints");
        for (int i = 0; i < n.spec().taints().size(); i++) {
            Taint t = n.spec().taints().get(i);
            if (t.key() == null || t.key().isEmpty()) {
                errs.add(FieldError.required(tp.index(i).child("key"), ""));
            } else {
                for (String e : NameRules.qualifiedName(t.key())) {
                    errs.add(FieldError.invalid(tp.index(i).child("key"), t.key(), e));
                }
            }
            if (t.effect() == null) {
                errs.add(FieldError.required(tp.index(i).child("effect"), ""));
            } else {
                Checks.oneOf(t.effect(), List.of("NoExecute", "NoSchedule", "PreferNoSchedule"),
                        tp.index(i).child("effect"), errs);
            }
        }
        quantities(n.status().capacity(), FieldPath.root("status").child("capacity"), errs);
        quantities(n.status().allocatable(), FieldPath.root("status").child("allocatable"), errs);
    }

    private static void quantities(Map<String, Quantity> q, FieldPath p, List<FieldError> errs) {
        for (Map.Entry<String, Quantity> e : q.entrySet()) {
            if (e.getValue().signum() < 0) {
                errs.add(FieldError.invalid(p.key(e.getKey()), e.getValue().toString(), "must be greater than or equal to 0"));
            }
        }
    }

    private static void endpoints(Endpoints e, List<FieldError> errs) {
        for (int i = 0; i < e.subsets().size(); i++) {
            EndpointSubset s = e.subsets().get(i);
            FieldPath sp = FieldPath.root("subsets").index(i);
            for (int j = 0; j < s.addresses().size(); j++) {
                Checks.requiredString(s.addresses().get(j).ip(), sp.child("addresses").index(j).child("ip"), errs);
            }
            for (int j = 0; j < s.notReadyAddresses().size(); j++) {
                Checks.requiredString(s.notReadyAddresses().get(j).ip(),
                        sp.child("notReadyAddresses").index(j).child("ip"), errs);
            }
            for (int j = 0; j < s.ports().size(); j++) {
                EndpointPort port = s.ports().get(j);
                Checks.port(port.port(), sp.child("ports").index(j).child("port"), true, errs);
                Checks.oneOf(port.protocol(), ContainerValidation.PROTOCOLS, sp.child("ports").index(j).child("protocol"), errs);
            }
        }
    }
}
