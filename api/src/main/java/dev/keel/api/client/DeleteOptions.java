package dev.keel.api.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of a delete, sent as a {@code v1 DeleteOptions} body (and, for servers that read only the query, as
 * {@code gracePeriodSeconds}/{@code propagationPolicy} parameters). {@code null} fields are not sent.
 *
 * @param gracePeriodSeconds           0 deletes at once; {@code null} takes the object's default
 * @param propagation                  what happens to dependents; {@code null} takes the resource's default
 * @param preconditionUid              delete only the object with this uid
 * @param preconditionResourceVersion  delete only if unchanged since this resourceVersion (409 otherwise)
 */
public record DeleteOptions(Long gracePeriodSeconds, Propagation propagation, String preconditionUid,
                            String preconditionResourceVersion) {
    private static final DeleteOptions DEFAULTS = new DeleteOptions(null, null, null, null);

    public DeleteOptions {
        if (gracePeriodSeconds != null && gracePeriodSeconds < 0) {
            throw new IllegalArgumentException("gracePeriodSeconds must be >= 0, got " + gracePeriodSeconds);
        }
    }

    /** The server's defaults. */
    public static DeleteOptions defaults() {
        return DEFAULTS;
    }

    public DeleteOptions withGracePeriodSeconds(Long seconds) {
        return new DeleteOptions(seconds, propagation, preconditionUid, preconditionResourceVersion);
    }

    public DeleteOptions withPropagation(Propagation p) {
        return new DeleteOptions(gracePeriodSeconds, p, preconditionUid, preconditionResourceVersion);
    }

    public DeleteOptions withPreconditions(String uid, String resourceVersion) {
        return new DeleteOptions(gracePeriodSeconds, propagation, uid, resourceVersion);
    }

    /** The dependents policy ({@code propagationPolicy}). */
    public enum Propagation {
        ORPHAN, BACKGROUND, FOREGROUND;

        public String wireName() {
            switch (this) {
                case ORPHAN:
                    return "Orphan";
                case BACKGROUND:
                    return "Background";
                default:
                    return "Foreground";
            }
        }
    }

    boolean isDefault() {
        return equals(DEFAULTS);
    }

    /** The JSON body's fields. */
    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "DeleteOptions");
        m.put("apiVersion", "v1");
        if (gracePeriodSeconds != null) {
            m.put("gracePeriodSeconds", gracePeriodSeconds);
        }
        if (propagation != null) {
            m.put("propagationPolicy", propagation.wireName());
        }
        if (preconditionUid != null || preconditionResourceVersion != null) {
            Map<String, Object> pre = new LinkedHashMap<>();
            if (preconditionUid != null) {
                pre.put("uid", preconditionUid);
            }
            if (preconditionResourceVersion != null) {
                pre.put("resourceVersion", preconditionResourceVersion);
            }
            m.put("preconditions", pre);
        }
        return m;
    }

    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        ListOptions.put(q, "gracePeriodSeconds", gracePeriodSeconds == null ? null : gracePeriodSeconds.toString());
        ListOptions.put(q, "propagationPolicy", propagation == null ? null : propagation.wireName());
        return q;
    }
}
