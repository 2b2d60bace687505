package dev.keel.controllers.reconcile;

import java.time.Duration;
import java.util.Objects;

/** What a {@link Reconciler} wants next for its key. */
public sealed interface ReconcileResult permits ReconcileResult.Done, ReconcileResult.RequeueAfter {
    /** Nothing more to do until the next change. */
    record Done() implements ReconcileResult {
    }

    /** Look again after {@code delay} (e.g. a deadline such as a toleration running out), not counted as a failure. */
    record RequeueAfter(Duration delay) implements ReconcileResult {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
        }
    }

    static ReconcileResult done() {
        return new Done();
    }

    static ReconcileResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }
}
