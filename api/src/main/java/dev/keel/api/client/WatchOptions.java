package dev.keel.api.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query of a watch call. {@code null} fields are not sent.
 *
 * @param resourceVersion     start after this revision (a list's {@code metadata.resourceVersion}); {@code null}
 *                            starts with synthetic ADDED events for the current state
 * @param allowWatchBookmarks let the server send BOOKMARK events carrying a newer resourceVersion
 * @param timeoutSeconds      the server ends the stream after this long; the client gives up
 *                            {@link #clientDeadline() a little later}. {@code null}: no bound on either side
 */
public record WatchOptions(String labelSelector, String fieldSelector, String resourceVersion,
                           boolean allowWatchBookmarks, Integer timeoutSeconds) {
    /** How long after {@code timeoutSeconds} the client stops waiting for the server to end the stream. */
    public static final Duration CLIENT_GRACE = Duration.ofSeconds(30);

    public WatchOptions {
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
        labelSelector = ListOptions.blankToNull(labelSelector);
        fieldSelector = ListOptions.blankToNull(fieldSelector);
        resourceVersion = ListOptions.blankToNull(resourceVersion);
    }

    /** From {@code resourceVersion}, no selectors, no bookmarks, no timeout. */
    public static WatchOptions from(String resourceVersion) {
        return new WatchOptions(null, null, resourceVersion, false, null);
    }

    public WatchOptions withSelectors(String labelSelector, String fieldSelector) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks, timeoutSeconds);
    }

    public WatchOptions withBookmarks(boolean allow) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allow, timeoutSeconds);
    }

    public WatchOptions withTimeoutSeconds(Integer seconds) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks, seconds);
    }

    /** {@code timeoutSeconds + CLIENT_GRACE}, or {@code null} without a timeout. */
    public Duration clientDeadline() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds).plus(CLIENT_GRACE);
    }

    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("watch", "true");
        ListOptions.put(q, "labelSelector", labelSelector);
        ListOptions.put(q, "fieldSelector", fieldSelector);
        ListOptions.put(q, "resourceVersion", resourceVersion);
        if (allowWatchBookmarks) {
            q.put("allowWatchBookmarks", "true");
        }
        ListOptions.put(q, "timeoutSeconds", timeoutSeconds == null ? null : timeoutSeconds.toString());
        return q;
    }
}
