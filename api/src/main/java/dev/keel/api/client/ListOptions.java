package dev.keel.api.client;

import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.Selector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query of a list call. {@code null} fields are not sent.
 *
 * @param labelSelector   e.g. {@code app=web,tier in (a,b)}
 * @param fieldSelector   e.g. {@code spec.nodeName=n1}
 * @param limit           page size; the answer's {@code metadata.continue} leads to the next page
 * @param continueToken   the previous page's {@code metadata.continue}
 * @param resourceVersion {@code "0"} allows a cached answer; {@code null} asks for the latest (a quorum read)
 */
public record ListOptions(String labelSelector, String fieldSelector, Integer limit, String continueToken,
                          String resourceVersion) {
    private static final ListOptions ALL = new ListOptions(null, null, null, null, null);

    public ListOptions {
        if (limit != null && limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        labelSelector = blankToNull(labelSelector);
        fieldSelector = blankToNull(fieldSelector);
        continueToken = blankToNull(continueToken);
        resourceVersion = blankToNull(resourceVersion);
    }

    /** Everything, in one answer. */
    public static ListOptions all() {
        return ALL;
    }

    public ListOptions withLabelSelector(String s) {
        return new ListOptions(s, fieldSelector, limit, continueToken, resourceVersion);
    }

    public ListOptions withLabelSelector(Selector s) {
        return withLabelSelector(s.toString());
    }

    public ListOptions withFieldSelector(String s) {
        return new ListOptions(labelSelector, s, limit, continueToken, resourceVersion);
    }

    public ListOptions withFieldSelector(FieldSelector s) {
        return withFieldSelector(s.toString());
    }

    public ListOptions withLimit(Integer n) {
        return new ListOptions(labelSelector, fieldSelector, n, continueToken, resourceVersion);
    }

    public ListOptions withContinue(String token) {
        return new ListOptions(labelSelector, fieldSelector, limit, token, resourceVersion);
    }

    public ListOptions withResourceVersion(String rv) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, rv);
    }

    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "labelSelector", labelSelector);
        put(q, "fieldSelector", fieldSelector);
        put(q, "limit", limit == null ? null : limit.toString());
        put(q, "continue", continueToken);
        put(q, "resourceVersion", resourceVersion);
        return q;
    }

    static void put(Map<String, String> q, String k, String v) {
        if (v != null) {
            q.put(k, v);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
