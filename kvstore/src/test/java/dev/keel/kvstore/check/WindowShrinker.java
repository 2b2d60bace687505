package dev.keel.kvstore.check;

import java.util.List;

/**
 * Cuts a key's non-linearizable operations down to a short window (a run of consecutive operations in
 * invocation order) that is still not linearizable on its own, so that a person can see the anomaly.
 *
 * <p>A window that does not start at the first operation is searched from the {@link RegisterState.Any} state,
 * which accepts whatever the first read sees. That only relaxes the check, so a window that still fails shows an
 * anomaly whatever happened before it. First the end is cut (the shortest failing prefix), then the start (the
 * latest start that still fails). Both cuts use bisection and every window they keep has been verified to fail;
 * the result is short, though not guaranteed to be the shortest possible.
 */
final class WindowShrinker {

    /** A failing window: operations {@code [from, to)} of the key's list, and the state searched from. */
    record Window(int from, int to, RegisterState initial) {
    }

    private final List<KeyOp> ops;
    private final RegisterState initial;
    private final SearchBudget budget;

    WindowShrinker(List<KeyOp> ops, RegisterState initial, SearchBudget budget) {
        this.ops = List.copyOf(ops);
        this.initial = initial;
        this.budget = budget;
    }

    /** Assumes that all of {@code ops} is not linearizable from {@code initial}. */
    Window shrink() {
        int lo = 0;
        int hi = ops.size(); // fails (given)
        while (hi - lo > 1 && !budget.expired()) {
            int mid = (lo + hi) >>> 1;
            if (fails(0, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        int to = hi;
        int first = 0; // fails (verified above, or given)
        int last = to;
        while (last - first > 1 && !budget.expired()) {
            int mid = (first + last) >>> 1;
            if (fails(mid, to)) {
                first = mid;
            } else {
                last = mid;
            }
        }
        return new Window(first, to, startState(first));
    }

    private boolean fails(int from, int to) {
        SearchResult result = new LinearizabilitySearch(ops.subList(from, to), startState(from), budget).run();
        return result instanceof SearchResult.NotLinearizable;
    }

    private RegisterState startState(int from) {
        return from == 0 ? initial : RegisterState.ANY;
    }
}
