package dev.keel.api.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the apiserver: method, path, query parameters (in order), optional body and its content
 * type. {@link #toString()} is {@code METHOD path}, the prefix of every error message.
 */
record Call(String method, String path, Map<String, String> query, byte[] body, String contentType) {
    static final String JSON = "application/json";

    Call {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : new LinkedHashMap<>(query);
    }

    static Call of(String method, String path) {
        return new Call(method, path, Map.of(), null, null);
    }

    Call withQuery(Map<String, String> q) {
        return new Call(method, path, q, body, contentType);
    }

    Call withBody(byte[] b, String type) {
        return new Call(method, path, query, b, type);
    }

    /** The path and the encoded query string (spaces as {@code %20}). */
    String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        boolean first = true;
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!first) {
                sb.append('&');
            }
            first = false;
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
