package dev.keel.api.validation;

import dev.keel.api.core.Container;
import dev.keel.api.core.NodeSelectorRequirement;
import dev.keel.api.core.NodeSelectorTerm;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PreferredSchedulingTerm;
import dev.keel.api.core.Toleration;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a pod spec (of a pod or of a pod template): containers, policies, and scheduling constraints. */
final class PodSpecValidation {
    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final List<String> NODE_OPERATORS = List.of("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn");

    private PodSpecValidation() {
    }

    static void validate(PodSpec s, FieldPath p, List<FieldError> errs) {
        if (s.containers().isEmpty()) {
            errs.add(FieldError.required(p.child("containers"), ""));
        }
        Set<String> names = new HashSet<>();
        containers(s.initContainers(), p.child("initContainers"), names, errs);
        containers(s.containers(), p.child("containers"), names, errs);
        Checks.oneOf(s.restartPolicy(), RESTART_POLICIES, p.child("restartPolicy"), errs);
        Checks.oneOf(s.dnsPolicy(), DNS_POLICIES, p.child("dnsPolicy"), errs);
        Checks.nonNegative(s.terminationGracePeriodSeconds(), p.child("terminationGracePeriodSeconds"), errs);
        Checks.positive(s.activeDeadlineSeconds(), p.child("activeDeadlineSeconds"), errs);
        MetadataValidation.labels(s.nodeSelector(), p.child("nodeSelector"), errs);
        if (s.nodeName() != null && !s.nodeName().isEmpty()) {
            for (String e : NameRules.dns1123Subdomain(s.nodeName())) {
                errs.add(FieldError.invalid(p.child("nodeName"), s.nodeName(), e));
            }
        }
        for (int i = 0; i < s.tolerations().size(); i++) {
            toleration(s.tolerations().get(i), p.child("tolerations").index(i), errs);
        }
        if (s.affinity() != null && s.affinity().nodeAffinity() != null) {
            FieldPath np = p.child("affinity").child("nodeAffinity");
            var required = s.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
            if (required != null) {
                FieldPath rp = np.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
                if (required.nodeSelectorTerms().isEmpty()) {
                    errs.add(FieldError.required(rp, "must have at least one node selector term"));
                }
                for (int i = 0; i < required.nodeSelectorTerms().size(); i++) {
                    term(required.nodeSelectorTerms().get(i), rp.index(i), errs);
                }
            }
            List<PreferredSchedulingTerm> preferred =
                    s.affinity().nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution();
            for (int i = 0; i < preferred.size(); i++) {
                FieldPath pp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
                PreferredSchedulingTerm t = preferred.get(i);
                if (t.weight() == null || t.weight() < 1 || t.weight() > 100) {
                    errs.add(FieldError.invalid(pp.child("weight"), t.weight(), "must be in the range 1-100"));
                }
                if (t.preference() == null) {
                    errs.add(FieldError.required(pp.child("preference"), ""));
                } else {
                    term(t.preference(), pp.child("preference"), errs);
                }
            }
        }
    }

    private static void containers(List<Container> cs, FieldPath p, Set<String> names, List<FieldError> errs) {
        for (int i = 0; i < cs.size(); i++) {
            Container c = cs.get(i);
            ContainerValidation.validate(c, p.index(i), errs);
            if (c.name() != null && !c.name().isEmpty() && !names.add(c.name())) {
                errs.add(FieldError.duplicate(p.index(i).child("name"), c.name()));
            }
        }
    }

    private static void toleration(Toleration t, FieldPath p, List<FieldError> errs) {
        Checks.oneOf(t.operator(), List.of("Equal", "Exists"), p.child("operator"), errs);
        Checks.oneOf(t.effect() == null || t.effect().isEmpty() ? null : t.effect(), TAINT_EFFECTS,
                p.child("effect"), errs);
        boolean exists = "Exists".equals(t.operator());
        if (t.key() == null || t.key().isEmpty()) {
            if (!exists) {
                errs.add(FieldError.invalid(p.child("operator"), t.operator() == null ? "" : t.operator(),
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
        } else {
            for (String e : NameRules.qualifiedName(t.key())) {
                errs.add(FieldError.invalid(p.child("key"), t.key(), e));
            }
        }
        if (exists && t.value() != null && !t.value().isEmpty()) {
            errs.add(FieldError.invalid(p.child("operator"), t.operator(),
                    "value must be empty when `operator` is 'Exists'"));
        }
        if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
            errs.add(FieldError.invalid(p.child("effect"), t.effect() == null ? "" : t.effect(),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        }
    }

    private static void term(NodeSelectorTerm t, FieldPath p, List<FieldError> errs) {
        for (int i = 0; i < t.matchExpressions().size(); i++) {
            requirement(t.matchExpressions().get(i), p.child("matchExpressions").index(i), errs);
        }
        for (int i = 0; i < t.matchFields().size(); i++) {
            requirement(t.matchFields().get(i), p.child("matchFields").index(i), errs);
        }
    }

    private static void requirement(NodeSelectorRequirement r, FieldPath p, List<FieldError> errs) {
        if (r.operator() == null) {
            errs.add(FieldError.required(p.child("operator"), ""));
            return;
        }
        Checks.oneOf(r.operator(), NODE_OPERATORS, p.child("operator"), errs);
        switch (r.operator()) {
            case "In", "NotIn" -> {
                if (r.values().isEmpty()) {
                    errs.add(FieldError.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!r.values().isEmpty()) {
                    errs.add(FieldError.forbidden(p.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            case "Gt", "Lt" -> {
                if (r.values().size() != 1 || !r.values().get(0).matches("-?[0-9]+")) {
                    errs.add(FieldError.required(p.child("values"),
                            "must be specified single integer value when `operator` is 'Lt' or 'Gt'"));
                }
            }
            default -> {
            }
        }
        if (r.key() == null || r.key().isEmpty()) {
            errs.add(FieldError.required(p.child("key"), ""));
        } else {
            for (String e : NameRules.qualifiedName(r.key())) {
                errs.add(FieldError.invalid(p.child("key"), r.key(), e));
            }
        }
    }
}
