package dev.keel.kvstore.check;

import java.util.List;

/**
 * Writes the explanation of a key whose operations are not linearizable: the short failing window, then where
 * the full search got stuck.
 *
 * <p>Example:
 * <pre>
 * shortest failing window: 2 of 40 operations on key k1, starting from any state
 *     op proc [invoke .. return] ms     operation -> outcome (@ = revision)
 *    #17 p2   [+1.204 .. +1.350]        put(k1, "v5") -> ok @12
 *    #19 p0   [+1.400 .. +1.420]        get(k1) -> "v4"@11 @12
 * the full search linearized at most 16 of 40 operations (state after them: "v5"@12); then #19 returned
 * before it could be placed
 * </pre>
 */
final class FailureReport {

    private FailureReport() {
    }

    static String write(String key, List<KeyOp> ops, WindowShrinker.Window window,
            SearchResult.NotLinearizable stuck, OperationFormatter formatter) {
        StringBuilder out = new StringBuilder();
        int size = window.to() - window.from();
        String start = window.from() == 0 ? "the initial state " + window.initial() : "any state";
        out.append("shortest failing window: ").append(size).append(" of ").append(ops.size())
                .append(" operations on key ").append(key).append(", starting from ").append(start).append('\n');
        out.append(OperationFormatter.HEADER).append('\n');
        for (KeyOp op : ops.subList(window.from(), window.to())) {
            out.append(formatter.line(op.source())).append('\n');
        }
        out.append("the full search linearized at most ").append(stuck.deepestPrefix().size()).append(" of ")
                .append(ops.size()).append(" operations (state after them: ").append(stuck.stateAfterPrefix())
                .append(')');
        if (stuck.blockingOp() >= 0) {
            out.append("; then #").append(ops.get(stuck.blockingOp()).source().id())
                    .append(" returned before it could be placed");
        }
        return out.toString();
    }
}
