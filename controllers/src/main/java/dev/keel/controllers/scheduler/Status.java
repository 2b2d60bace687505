package dev.keel.controllers.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one plugin at one extension point. The failure cases tell the scheduling queue what to do next:
 * <ul>
 *   <li>{@link Unschedulable}: the pod does not fit now, but a change in the cluster (a pod deleted, a node added or
 *       changed) may make it fit; the pod is parked until such an event, or until the periodic flush.</li>
 *   <li>{@link Unresolvable}: the pod cannot fit this node whatever happens to the pods on it (a taint, a label, an
 *       unschedulable node); only a change of the node itself helps. The queue parks it as for unschedulable.</li>
 *   <li>{@link Error}: the plugin itself failed (a bug or an impossible input); the cycle stops and the pod is
 *       retried after its back-off.</li>
 * </ul>
 * {@link Skip} is not a failure: a pre-filter or pre-score plugin uses it to say that its filter or score has
 * nothing to do for this pod, and the framework then does not call it in this cycle.
 * Reasons are written for people and are counted verbatim in the "0/5 nodes are available: ..." summary, so the
 * same cause must always produce the same string.
 */
public sealed interface Status permits Status.Success, Status.Unschedulable, Status.Unresolvable, Status.Error,
        Status.Skip {

    /** The plugin accepts (filter) or has nothing to object to (pre-filter, pre-score). */
    record Success() implements Status {
    }

    /** Not now; cluster changes may help. {@code reasons} is non-empty. */
    record Unschedulable(List<String> reasons) implements Status {
        public Unschedulable {
            reasons = requireReasons(reasons);
        }
    }

    /** Not on this node as long as the node stays as it is. {@code reasons} is non-empty. */
    record Unresolvable(List<String> reasons) implements Status {
        public Unresolvable {
            reasons = requireReasons(reasons);
        }
    }

    /** The plugin failed; {@code cause} says why. */
    record Error(Throwable cause) implements Status {
        public Error {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Only from {@link PreFilterPlugin#preFilter} and {@link PreScorePlugin#preScore}: this plugin's filter would
     * admit every node (or its score would be the same on every node) for this pod, so the framework skips it for
     * the rest of the cycle. Kubernetes: NodeAffinity skips for a pod without nodeSelector and required affinity.
     * From any other extension point it is a plugin bug and fails the cycle.
     */
    record Skip() implements Status {
    }

    /** The one success value. */
    Status SUCCESS = new Success();

    /** The one skip value. */
    Status SKIP = new Skip();

    static Status success() {
        return SUCCESS;
    }

    static Status skip() {
        return SKIP;
    }

    static Status unschedulable(String... reasons) {
        return new Unschedulable(List.of(reasons));
    }

    static Status unresolvable(String... reasons) {
        return new Unresolvable(List.of(reasons));
    }

    static Status error(Throwable cause) {
        return new Error(cause);
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The readable reasons: empty for success and skip, the cause's message for an error. */
    default List<String> reasons() {
        if (this instanceof Unschedulable u) {
            return u.reasons();
        }
        if (this instanceof Unresolvable u) {
            return u.reasons();
        }
        if (this instanceof Error e) {
            return List.of(String.valueOf(e.cause().getMessage()));
        }
        return List.of();
    }

    private static List<String> requireReasons(List<String> reasons) {
        List<String> copy = List.copyOf(reasons);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one reason");
        }
        return copy;
    }
}
