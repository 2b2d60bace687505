package dev.keel.api.validation;

import dev.keel.api.apps.DeploymentSpec;
import dev.keel.api.apps.DeploymentStrategy;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.selector.Selector;
import dev.keel.api.selector.SelectorException;

import java.util.List;

/** Checks ReplicaSet and Deployment specs: replicas, selector (and that it matches the template), strategy. */
final class WorkloadValidation {
    private WorkloadValidation() {
    }

    static void replicaSet(ReplicaSetSpec s, List<FieldError> errs) {
        FieldPath p = FieldPath.root("spec");
        Checks.nonNegative(s.replicas(), p.child("replicas"), errs);
        Checks.nonNegative(s.minReadySeconds(), p.child("minReadySeconds"), errs);
        selectorAndTemplate(s.selector(), s.template(), "replicaset", p, errs);
    }

    static void deployment(DeploymentSpec s, List<FieldError> errs) {
        FieldPath p = FieldPath.root("spec");
        Checks.nonNegative(s.replicas(), p.child("replicas"), errs);
        Checks.nonNegative(s.minReadySeconds(), p.child("minReadySeconds"), errs);
        Checks.nonNegative(s.revisionHistoryLimit(), p.child("revisionHistoryLimit"), errs);
        if (s.progressDeadlineSeconds() != null) {
            Checks.positive(s.progressDeadlineSeconds(), p.child("progressDeadlineSeconds"), errs);
            int minReady = s.minReadySeconds() == null ? 0 : s.minReadySeconds();
            if (s.progressDeadlineSeconds() > 0 && s.progressDeadlineSeconds() <= minReady) {
                errs.add(FieldError.invalid(p.child("progressDeadlineSeconds"), s.progressDeadlineSeconds(),
                        "must be greater than minReadySeconds"));
            }
        }
        selectorAndTemplate(s.selector(), s.template(), "deployment", p, errs);
        strategy(s.strategy(), p.child("strategy"), errs);
    }

    private static void selectorAndTemplate(LabelSelector selector, PodTemplateSpec template, String what,
                                            FieldPath p, List<FieldError> errs) {
        FieldPath sp = p.child("selector");
        FieldPath tp = p.child("template");
        MetadataValidation.labels(template.metadata().labels(), tp.child("metadata").child("labels"), errs);
        PodSpecValidation.validate(template.spec(), tp.child("spec"), errs);
        String restart = template.spec().restartPolicy();
        if (restart != null && !restart.equals("Always")) {
            errs.add(FieldError.notSupported(tp.child("spec").child("restartPolicy"), restart, List.of("Always")));
        }
        if (selector == null) {
            errs.add(FieldError.required(sp, ""));
            return;
        }
        if (selector.isEmpty()) {
            errs.add(FieldError.invalid(sp, "{}", "empty selector is invalid for " + what));
            return;
        }
        Selector parsed;
        try {
            parsed = Selector.of(selector);
        } catch (SelectorException e) {
            errs.add(FieldError.invalid(sp, selector.toString(), e.getMessage()));
            return;
        }
        if (!parsed.matches(template.metadata().labels())) {
            errs.add(FieldError.invalid(tp.child("metadata").child("labels"), template.metadata().labels(),
                    "`selector` does not match template `labels`"));
        }
    }

    private static void strategy(DeploymentStrategy s, FieldPath p, List<FieldError> errs) {
        if (s == null) {
            return;
        }
        Checks.oneOf(s.type(), List.of("Recreate", "RollingUpdate"), p.child("type"), errs);
        if ("Recreate".equals(s.type()) && s.rollingUpdate() != null) {
            errs.add(FieldError.forbidden(p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
        }
        if (s.rollingUpdate() == null) {
            return;
        }
        FieldPath rp = p.child("rollingUpdate");
        Integer surge = intOrPercent(s.rollingUpdate().maxSurge(), rp.child("maxSurge"), errs);
        Integer unavailable = intOrPercent(s.rollingUpdate().maxUnavailable(), rp.child("maxUnavailable"), errs);
        if (s.rollingUpdate().maxUnavailable() instanceof IntOrString.Str && unavailable != null && unavailable > 100) {
            errs.add(FieldError.invalid(rp.child("maxUnavailable"), s.rollingUpdate().maxUnavailable().toString(),
                    "must not be greater than 100%"));
        }
        if (surge != null && unavailable != null && surge == 0 && unavailable == 0) {
            errs.add(FieldError.invalid(rp.child("maxUnavailable"), s.rollingUpdate().maxUnavailable().toString(),
                    "may not be 0 when `maxSurge` is 0"));
        }
    }

    /** The number or percentage (without the sign) of an int-or-percent field, after checking it. */
    private static Integer intOrPercent(IntOrString v, FieldPath p, List<FieldError> errs) {
        if (v == null) {
            return null;
        }
        if (v instanceof IntOrString.Int i) {
            Checks.nonNegative(i.value(), p, errs);
            return i.value();
        }
        String s = ((IntOrString.Str) v).value();
        if (!s.matches("[0-9]+%")) {
            errs.add(FieldError.invalid(p, s, "a valid percent string must be a numeric string followed by an ending "
                    + "'%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            return null;
        }
        return Integer.parseInt(s.substring(0, s.length() - 1));
    }
}
