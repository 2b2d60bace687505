package dev.keel.controllers.util;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationsTest {
    private final AtomicLong now = new AtomicLong();
    private final Expectations e = new Expectations(now::get, Duration.ofMinutes(5));

    @Test
    void creationsAreAwaitedUntilObserved() {
        assertTrue(e.satisfied("ns/rs"), "nothing recorded");
        e.expectCreations("ns/rs", 2);
        assertFalse(e.satisfied("ns/rs"));
        e.creationObserved("ns/rs");
        assertFalse(e.satisfied("ns/rs"));
        e.creationObserved("ns/rs");
        assertTrue(e.satisfied("ns/rs"));
    }

    @Test
    void eachDeletedPodCountsOnce() {
        e.expectDeletions("ns/rs", Set.of("ns/a", "ns/b"));
        e.deletionObserved("ns/rs", "ns/a");
        e.deletionObserved("ns/rs", "ns/a"); // seen terminating, then deleted
        assertFalse(e.satisfied("ns/rs"));
        e.deletionObserved("ns/rs", "ns/other");
        assertFalse(e.satisfied("ns/rs"));
        e.deletionObserved("ns/rs", "ns/b");
        assertTrue(e.satisfied("ns/rs"));
    }

    @Test
    void expectationsExpire() {
        e.expectCreations("ns/rs", 1);
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertFalse(e.satisfied("ns/rs"));
        now.addAndGet(1);
        assertTrue(e.satisfied("ns/rs"), "a lost event does not block the owner forever");
    }

    @Test
    void forgettingAnOwnerClearsIt() {
        e.expectCreations("ns/rs", 3);
        e.forget("ns/rs");
        assertTrue(e.satisfied("ns/rs"));
    }
}
