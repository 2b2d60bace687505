package dev.keel.controllers.util;

/**
 * Makes the actual state of one object (named by its {@code namespace/name} key) match its desired state, reading
 * the informers' caches. Must be idempotent: it may run again for the same key at any time.
 */
@FunctionalInterface
public interface Reconciler {
    /**
     * Reconciles {@code key}. Returning normally means done (the key's backoff is reset); throwing
     * {@link PermanentError} reports and drops the key; any other exception retries it with backoff.
     */
    void reconcile(String key) throws Exception;

    /** A failure that retrying cannot fix (for example an invalid spec): logged, not retried. */
    final class PermanentError extends RuntimeException {
        public PermanentError(String message) {
            super(message);
        }
    }
}
