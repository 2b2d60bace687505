package dev.keel.api.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for a client future and rethrows its {@link ApiException} unwrapped, for the blocking methods. */
final class Futures {
    private Futures() {
    }

    /** The future's value; every client future is bounded by its request timeout, so this wait is too. */
    static <R> R await(CompletableFuture<R> f) {
        try {
            return f.join();
        } catch (CompletionException | CancellationException e) {
            Throwable c = StatusErrors.unwrap(e);
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("request failed", c);
        }
    }
}
