package dev.keel.controllers.reconcile;

/**
 * Makes the actual state of one object match its desired state, reading the latest cached state. Idempotent: it
 * may run any number of times for a key. Throwing means "retry later with backoff" (a conflict, a transient error);
 * a permanent problem is logged or recorded and answered with {@link ReconcileResult#done()}.
 */
@FunctionalInterface
public interface Reconciler {
    /** Reconciles the object under {@code key} (a work-queue key such as {@code namespace/name}). */
    ReconcileResult reconcile(String key) throws Exception;
}
