package dev.keel.apiserver.http;

import dev.keel.apiserver.auth.User;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, decoded: method, path (no query, not decoded further), query parameters, headers, the whole
 * body, and the authenticated user. Immutable apart from the headers object, which must not be changed.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, User user) {
    public ApiRequest {
        query = Map.copyOf(query);
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A boolean query parameter: present as {@code true} or {@code 1} (or empty, as {@code ?watch}). */
    public boolean flag(String name) {
        return param(name).map(v -> v.isEmpty() || v.equals("true") || v.equals("1")).orElse(false);
    }

    /** A header value, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    public String accept() {
        String a = headers.get("Accept");
        return a == null ? "" : a;
    }

    /** The Content-Type without parameters, lower case; "" when absent. */
    public String contentType() {
        String c = headers.get("Content-Type");
        if (c == null) {
            return "";
        }
        int semi = c.indexOf(';');
        return (semi < 0 ? c : c.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
