package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The recorder keeps one open request per process and turns requests still open into unknown outcomes. */
class HistoryRecorderTest {

    private final AtomicLong clock = new AtomicLong();
    private final HistoryRecorder recorder = new HistoryRecorder(() -> clock.addAndGet(10));

    @Test
    void recordsInvokeAndReturnTimesInInvocationOrder() {
        HistoryRecorder.Invocation put = recorder.invoke(0, new Command.Put("k", "a"));
        HistoryRecorder.Invocation get = recorder.invoke(1, new Command.Get("k"));
        recorder.complete(get, new Outcome.ReadOk(Optional.empty(), 1));
        recorder.complete(put, new Outcome.PutOk(2));

        History history = recorder.history();

        assertEquals(2, history.size());
        Operation first = history.operations().get(0);
        assertInstanceOf(Command.Put.class, first.command());
        assertEquals(10, first.invokeNanos());
        assertEquals(40, first.returnNanos());
        assertInstanceOf(CheckResult.Passed.class, new LinearizabilityChecker(
                LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(5))).check(history));
    }

    @Test
    void aProcessHasOneOpenRequestAtATime() {
        recorder.invoke(0, new Command.Get("k"));

        assertThrows(IllegalStateException.class, () -> recorder.invoke(0, new Command.Get("k")));
    }

    @Test
    void requestsStillOpenBecomeUnknown() {
        recorder.invoke(0, new Command.Put("k", "a"));

        Operation open = recorder.history().operations().get(0);

        assertTrue(open.isUnknown(), open::toString);
    }
}
