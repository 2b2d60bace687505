package dev.keel.kvstore.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wing and Gong's linearizability search with Lowe's memoisation, as in Porcupine, over one key's operations.
 *
 * <p>The search walks the {@link EntryList}. At a call entry it tries to linearize that operation next: if the
 * model accepts it and the pair (set of linearized ops, resulting state) has not been seen before, it lifts the
 * operation out of the list and starts again from the head. At a return entry the operation returning there
 * should already have been linearized, so the search backtracks: it puts the most recently linearized operation
 * back and tries the entry after it. The history is linearizable once every operation with a known outcome has
 * been linearized; operations with an unknown outcome that are still in the list then simply never took effect.
 * Memoising visited (set, state) pairs keeps the search from exploring equivalent interleavings twice.
 */
final class LinearizabilitySearch {

    private static final int CLOCK_CHECK_INTERVAL = 1024;

    private record Frame(EntryList.Entry call, RegisterState stateBefore) {
    }

    private record Visited(BitSet linearized, RegisterState state) {
    }

    private final List<KeyOp> ops;
    private final RegisterState initial;
    private final SearchBudget budget;

    LinearizabilitySearch(List<KeyOp> ops, RegisterState initial, SearchBudget budget) {
        this.ops = List.copyOf(ops);
        this.initial = initial;
        this.budget = budget;
    }

    SearchResult run() {
        EntryList list = EntryList.of(ops);
        long mustLinearize = ops.stream().filter(op -> !op.unknown()).count();
        Set<Visited> cache = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        BitSet linearized = new BitSet(ops.size());
        RegisterState state = initial;
        List<Integer> deepest = List.of();
        RegisterState deepestState = initial;
        int blocking = -1;
        long steps = 0;
        EntryList.Entry entry = list.head.next;
        while (mustLinearize > 0) {
            if (++steps % CLOCK_CHECK_INTERVAL == 0 && budget.expired()) {
                return new SearchResult.GaveUp("time budget exhausted", steps);
            }
            if (entry.call) {
                KeyOp op = ops.get(entry.op);
                Optional<RegisterState> next = RegisterModel.step(state, op);
                if (next.isPresent()) {
                    BitSet withOp = (BitSet) linearized.clone();
                    withOp.set(entry.op);
                    if (cache.add(new Visited(withOp, next.get()))) {
                        if (cache.size() > budget.maxCacheEntries()) {
                            return new SearchResult.GaveUp("memo cache limit of " + budget.maxCacheEntries()
                                    + " states reached", steps);
                        }
                        stack.push(new Frame(entry, state));
                        state = next.get();
                        linearized = withOp;
                        EntryList.lift(entry);
                        if (!op.unknown()) {
                            mustLinearize--;
                        }
                        entry = list.head.next;
                        continue;
                    }
                }
                entry = entry.next;
                continue;
            }
            // A return entry (or the tail): the ops linearized so far cannot be extended past this point.
            if (stack.size() > deepest.size() || blocking < 0) {
                deepest = order(stack);
                deepestState = state;
                blocking = entry.op;
            }
            if (stack.isEmpty()) {
                return new SearchResult.NotLinearizable(deepest, deepestState, blocking);
            }
            Frame top = stack.pop();
            state = top.stateBefore();
            linearized = (BitSet) linearized.clone();
            linearized.clear(top.call().op);
            EntryList.unlift(top.call());
            if (!ops.get(top.call().op).unknown()) {
                mustLinearize++;
            }
            entry = top.call().next;
        }
        return new SearchResult.Linearizable(order(stack));
    }

    private static List<Integer> order(Deque<Frame> stack) {
        List<Integer> order = new ArrayList<>(stack.size());
        stack.descendingIterator().forEachRemaining(f -> order.add(f.call().op));
        return order;
    }
}
