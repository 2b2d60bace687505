package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Records operations from many client threads into a {@link History}. Thread-safe.
 *
 * <p>Usage by one client thread (process {@code p}), one request at a time:
 * <pre>{@code
 * Invocation call = recorder.invoke(p, new Command.Put("k", "v1"));   // just before sending
 * try {
 *     long rev = client.put(...);
 *     recorder.complete(call, new Outcome.PutOk(rev));
 * } catch (TimeoutException e) {
 *     recorder.complete(call, new Outcome.Unknown("timed out"));     // may still take effect
 * }
 * }</pre>
 * Record {@link Outcome.Failed} only when the request certainly did not take effect; when in doubt, record
 * {@link Outcome.Unknown}: the checker then allows both.
 */
public final class HistoryRecorder {

    /** A request that was sent and has not been completed yet. */
    public record Invocation(int process, long invokeNanos, Command command, long sequence) {
    }

    private final LongSupplier nanoClock;
    /** Guards {@link #pending}, {@link #done} and {@link #nextSequence}; no other lock is taken under it. */
    private final Object lock = new Object();
    private final Map<Integer, Invocation> pending = new HashMap<>();
    private final List<Operation> done = new ArrayList<>();
    private long nextSequence;

    /** @param nanoClock a monotonic clock in nanoseconds shared by all clients, e.g. {@code System::nanoTime} */
    public HistoryRecorder(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Notes that {@code process} is sending {@code command} now. */
    public Invocation invoke(int process, Command command) {
        Objects.requireNonNull(command, "command");
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            Invocation open = pending.get(process);
            if (open != null) {
                throw new IllegalStateException("process " + process + " invokes " + command
                        + " while " + open.command() + " is still open: one request at a time per process");
            }
            Invocation call = new Invocation(process, now, command, nextSequence++);
            pending.put(process, call);
            return call;
        }
    }

    /** Notes how {@code call} ended, now. */
    public void complete(Invocation call, Outcome outcome) {
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            if (pending.get(call.process()) != call) {
                throw new IllegalStateException("process " + call.process() + " completes " + call.command()
                        + " which is not its open request");
            }
            pending.remove(call.process());
            done.add(new Operation((int) call.sequence(), call.process(), call.invokeNanos(),
                    Math.max(now, call.invokeNanos()), call.command(), outcome));
        }
    }

    /**
     * The history so far. Requests still open are included with an {@link Outcome.Unknown} outcome, since they
     * may yet take effect.
     */
    public History history() {
        long now = nanoClock.getAsLong();
        List<Operation> all;
        synchronized (lock) {
            all = new ArrayList<>(done);
            for (Invocation open : pending.values()) {
                all.add(new Operation((int) open.sequence(), open.process(), open.invokeNanos(),
                        Math.max(now, open.invokeNanos()), open.command(),
                        new Outcome.Unknown("still open when the history was taken")));
            }
        }
        return History.of(all);
    }
}
