package dev.keel.node.logs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The query of a log request, as kubectl sends it to the apiserver and the apiserver passes it on.
 *
 * @param follow     keep the response open and send new output until the instance exits
 * @param tailLines  only the last n lines; empty: all
 * @param limitBytes stop after this many bytes; empty: no limit
 * @param previous   the previous instance of the container
 * @param timestamps accepted but not honoured: log files hold raw output without per-line times
 */
public record LogRequest(boolean follow, OptionalLong tailLines, OptionalLong limitBytes, boolean previous,
                         boolean timestamps) {

    /** Parses {@code follow, tailLines, limitBytes, previous, timestamps}; unknown parameters are ignored. */
    public static LogRequest parse(String rawQuery) {
        Map<String, String> q = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.put(k, v);
            }
        }
        return new LogRequest(flag(q, "follow"), number(q, "tailLines"), number(q, "limitBytes"),
                flag(q, "previous"), flag(q, "timestamps"));
    }

    private static boolean flag(Map<String, String> q, String name) {
        String v = q.get(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    private static OptionalLong number(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + v);
            }
            return OptionalLong.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + v + "\"");
        }
    }
}
