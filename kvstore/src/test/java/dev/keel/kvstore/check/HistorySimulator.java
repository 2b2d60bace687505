package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Generates linearizable histories: client processes invoke random commands, each command takes effect on a
 * {@link SimulatedStore} at one random instant inside its interval, and some requests end ambiguously.
 *
 * <p>Each request gets a fate when invoked: it completes normally; it takes effect and the client still gives up
 * (unknown outcome); it never takes effect and the client gives up (unknown); it takes effect only after the
 * client gave up (unknown, applied later by a "ghost"); or it is definitely rejected (failed). Values are unique
 * per put most of the time, and sometimes repeat, so that reads cannot always tell writes apart by value.
 */
public final class HistorySimulator {

    /** Shape of the generated history. */
    public record Shape(int processes, int operations, int keys, int unknownPercent, boolean ranges) {
    }

    private enum Fate { COMPLETE, APPLY_THEN_GIVE_UP, NEVER_APPLY_GIVE_UP, APPLY_AFTER_GIVE_UP, REJECT }

    private static final class Pending {
        final Command command;
        final long invoked;
        final Fate fate;
        Outcome result;

        Pending(Command command, long invoked, Fate fate) {
            this.command = command;
            this.invoked = invoked;
            this.fate = fate;
        }
    }

    private final Random random;
    private final Shape shape;
    private final SimulatedStore store = new SimulatedStore();
    private final List<Operation> ops = new ArrayList<>();
    private final List<Command> ghosts = new ArrayList<>();
    private long now;
    private int nextValue;

    public HistorySimulator(Random random, Shape shape) {
        this.random = random;
        this.shape = shape;
    }

    public History run() {
        Pending[] pending = new Pending[shape.processes()];
        int invoked = 0;
        while (invoked < shape.operations() || anyPending(pending)) {
            now += 1 + random.nextInt(3);
            if (!ghosts.isEmpty() && random.nextInt(4) == 0) {
                store.apply(ghosts.remove(random.nextInt(ghosts.size())));
            }
            int p = random.nextInt(shape.processes());
            Pending call = pending[p];
            if (call == null) {
                if (invoked < shape.operations()) {
                    pending[p] = new Pending(randomCommand(), now, randomFate());
                    invoked++;
                }
            } else if (call.result == null && applies(call.fate) && random.nextBoolean()) {
                call.result = store.apply(call.command);
            } else if (call.result != null || !applies(call.fate) || random.nextInt(3) == 0) {
                finish(p, call);
                pending[p] = null;
            }
        }
        return History.of(ops);
    }

    private void finish(int p, Pending call) {
        if (call.result == null && applies(call.fate)) {
            call.result = store.apply(call.command); // must take effect before it returns
        }
        Outcome outcome = switch (call.fate) {
            case COMPLETE -> call.result;
            case APPLY_THEN_GIVE_UP, NEVER_APPLY_GIVE_UP -> new Outcome.Unknown("simulated timeout");
            case APPLY_AFTER_GIVE_UP -> {
                ghosts.add(call.command);
                yield new Outcome.Unknown("simulated timeout, applied later");
            }
            case REJECT -> new Outcome.Failed("simulated rejection");
        };
        ops.add(new Operation(ops.size(), p, call.invoked, now, call.command, outcome));
    }

    private static boolean applies(Fate fate) {
        return fate == Fate.COMPLETE || fate == Fate.APPLY_THEN_GIVE_UP;
    }

    private static boolean anyPending(Pending[] pending) {
        for (Pending call : pending) {
            if (call != null) {
                return true;
            }
        }
        return false;
    }

    private Fate randomFate() {
        int roll = random.nextInt(100);
        if (roll >= shape.unknownPercent()) {
            return random.nextInt(40) == 0 ? Fate.REJECT : Fate.COMPLETE;
        }
        Fate[] ambiguous = {Fate.APPLY_THEN_GIVE_UP, Fate.NEVER_APPLY_GIVE_UP, Fate.APPLY_AFTER_GIVE_UP};
        return ambiguous[random.nextInt(ambiguous.length)];
    }

    private Command randomCommand() {
        String key = key(random.nextInt(shape.keys()));
        int roll = random.nextInt(100);
        if (roll < 35) {
            return new Command.Get(key);
        }
        if (roll < 65) {
            return new Command.Put(key, value());
        }
        if (roll < 75) {
            return new Command.Delete(key);
        }
        if (roll < 90 || !shape.ranges()) {
            Optional<String> expected = random.nextInt(3) == 0 ? Optional.empty()
                    : store.current(key).map(Versioned::value).or(() -> Optional.of("x"));
            return new Command.Cas(key, expected, value());
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < shape.keys(); i++) {
            keys.add(key(i));
        }
        keys.sort(null);
        return new Command.Range(keys);
    }

    private String value() {
        return random.nextInt(4) == 0 ? (random.nextBoolean() ? "x" : "y") : "v" + nextValue++;
    }

    private static String key(int i) {
        return "k" + i;
    }
}
