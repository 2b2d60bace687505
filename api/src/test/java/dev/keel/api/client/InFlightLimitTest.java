package dev.keel.api.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-flight cap holds a slot until the request has ended, even after its caller gave up. */
class InFlightLimitTest {

    @Test
    void aCallerThatGivesUpAbortsItsRequestButTheSlotIsHeldUntilTheRequestEnds() {
        InFlightLimit limit = new InFlightLimit(2);
        AtomicInteger aborts = new AtomicInteger();
        List<CompletableFuture<String>> results = new ArrayList<>();
        List<CompletableFuture<String>> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> result = new CompletableFuture<>();
            CompletableFuture<String> caller = new CompletableFuture<>();
            results.add(result);
            callers.add(caller);
            limit.run(() -> new InFlightLimit.Attempt<>(result, aborts::incrementAndGet), caller);
        }
        assertEquals(2, limit.inFlight(), "the third request waits");

        callers.get(0).completeExceptionally(new TimeoutException("the caller's timeout"));
        assertEquals(1, aborts.get(), "the first request is aborted");
        assertEquals(2, limit.inFlight(), "but its slot is held until it has ended");
        assertFalse(callers.get(2).isDone());

        results.get(0).completeExceptionally(new IllegalStateException("aborted"));
        results.get(2).complete("third");
        assertEquals("third", callers.get(2).join(), "the slot went to the waiting request");
        assertTrue(callers.get(0).isCompletedExceptionally());

        results.get(1).complete("second");
        assertEquals("second", callers.get(1).join());
        assertEquals(0, limit.inFlight());
        assertEquals(1, aborts.get(), "requests that ended on their own are not aborted");
    }

    @Test
    void aRequestWhoseCallerGaveUpWhileWaitingIsNeverStarted() {
        InFlightLimit limit = new InFlightLimit(1);
        CompletableFuture<String> first = new CompletableFuture<>();
        limit.run(() -> new InFlightLimit.Attempt<>(first, () -> { }), new CompletableFuture<>());
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<String> gaveUp = new CompletableFuture<>();
        limit.run(() -> {
            started.incrementAndGet();
            return new InFlightLimit.Attempt<>(new CompletableFuture<>(), () -> { });
        }, gaveUp);
        gaveUp.cancel(false);
        first.complete("done");
        assertEquals(0, started.get());
        assertEquals(0, limit.inFlight());
    }
}
