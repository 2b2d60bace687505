package dev.keel.api.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Caps the number of concurrent requests. A request over the cap waits in FIFO order; if its caller's future is
 * already done when its turn comes (timed out, cancelled), it is skipped. A running request holds its slot until it
 * has really ended, not just until its caller gave up: otherwise every timed-out request would leave its connection
 * busy while the next one opened another. Thread-safe.
 */
final class InFlightLimit {
    private final int max;
    /** Guards {@code inFlight}, {@code waiting} and {@code closed}. */
    private final Object lock = new Object();
    private int inFlight;
    private final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
    private boolean closed;

    InFlightLimit(int max) {
        this.max = max;
    }

    /** A started request: its result, and how to make it end early. */
    record Attempt<R>(CompletableFuture<R> result, Runnable abort) {
    }

    /**
     * Runs {@code task} when a slot is free and completes {@code out} with its result. When {@code out} completes
     * first (a timeout), the attempt is aborted; its slot is freed when its result completes.
     */
    <R> void run(Supplier<Attempt<R>> task, CompletableFuture<R> out) {
        Pending<R> p = new Pending<>(task, out);
        synchronized (lock) {
            if (closed) {
                out.completeExceptionally(new IllegalStateException("the client is closed"));
                return;
            }
            if (inFlight >= max) {
                waiting.add(p);
                return;
            }
            inFlight++;
        }
        if (!p.start()) {
            release();
        }
    }

    /** Fails every waiting request; requests already running finish on their own. */
    void close() {
        ArrayDeque<Pending<?>> failed;
        synchronized (lock) {
            closed = true;
            failed = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        for (Pending<?> p : failed) {
            p.out.completeExceptionally(new IllegalStateException("the client is closed"));
        }
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Hands the slot to the next live waiter, or frees it. */
    private void release() {
        while (true) {
            Pending<?> next;
            synchronized (lock) {
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                    return;
                }
            }
            if (next.start()) {
                return;
            }
        }
    }

    private final class Pending<R> {
        private final Supplier<Attempt<R>> task;
        private final CompletableFuture<R> out;

        Pending(Supplier<Attempt<R>> task, CompletableFuture<R> out) {
            this.task = task;
            this.out = out;
        }

        /** Starts the task unless its caller gave up; false if skipped (the slot is still held). */
        boolean start() {
            if (out.isDone()) {
                return false;
            }
            Attempt<R> attempt;
            try {
                attempt = task.get();
            } catch (RuntimeException e) {
                attempt = new Attempt<>(CompletableFuture.failedFuture(e), () -> { });
            }
            Attempt<R> running = attempt;
            running.result().whenComplete((r, e) -> {
                release();
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(r);
                }
            });
            out.whenComplete((r, e) -> {
                if (!running.result().isDone()) {
                    running.abort().run();
                }
            });
            return true;
        }
    }
}
