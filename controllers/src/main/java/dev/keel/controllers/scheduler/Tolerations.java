package dev.keel.controllers.scheduler;

import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether tolerations tolerate taints, with Kubernetes' rules:
 * <ul>
 *   <li>a toleration with an effect only matches taints with that effect; an empty effect matches all effects;</li>
 *   <li>a toleration with a key only matches that key; an empty key (operator Exists) matches every key;</li>
 *   <li>operator Exists matches any value; Equal (the default) needs equal values (absent equals empty).</li>
 * </ul>
 * Shared by the TaintToleration and NodeUnschedulable plugins (and later by node lifecycle's NoExecute eviction).
 */
public final class Tolerations {
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private Tolerations() {
    }

    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!isEmpty(toleration.effect()) && !toleration.effect().equals(taint.effect())) {
            return false;
        }
        if (!isEmpty(toleration.key()) && !toleration.key().equals(taint.key())) {
            return false;
        }
        String operator = isEmpty(toleration.operator()) ? "Equal" : toleration.operator();
        switch (operator) {
            case "Exists":
                return true;
            case "Equal":
                return Objects.equals(emptyIfNull(toleration.value()), emptyIfNull(taint.value()));
            default:
                return false;
        }
    }

    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /** The first taint, among those {@code considered}, that no toleration tolerates. */
    public static Optional<Taint> firstUntolerated(List<Taint> taints, List<Toleration> tolerations,
                                                   Predicate<Taint> considered) {
        for (Taint taint : taints) {
            if (considered.test(taint) && !anyTolerates(tolerations, taint)) {
                return Optional.of(taint);
            }
        }
        return Optional.empty();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
