package dev.keel.kvstore.check;

import java.util.List;

/** How the search over one key's operations ended. */
sealed interface SearchResult {

    /** A linearization exists; {@code order} lists op indexes in linearization order (unknown ops left out are absent). */
    record Linearizable(List<Integer> order) implements SearchResult {
        public Linearizable {
            order = List.copyOf(order);
        }
    }

    /**
     * No linearization exists. {@code deepestPrefix} is the longest sequence the search managed to linearize
     * (op indexes, in order), {@code stateAfterPrefix} the key's state after it, and {@code blockingOp} the op
     * whose return was reached while it could not be linearized in any way after that prefix.
     */
    record NotLinearizable(List<Integer> deepestPrefix, RegisterState stateAfterPrefix, int blockingOp)
            implements SearchResult {
        public NotLinearizable {
            deepestPrefix = List.copyOf(deepestPrefix);
        }
    }

    /** The budget ran out first; {@code why} says which part. */
    record GaveUp(String why, long steps) implements SearchResult {
    }
}
