package dev.keel.apiserver.watch;

import dev.keel.api.meta.Status;

/** Writes a watch stream's lines (JSON or Table objects, chosen per request); each result ends with a newline. */
public interface WatchEncoder {
    byte[] change(String type, CachedObject object);

    /** A BOOKMARK: an object of the watched kind carrying only {@code metadata.resourceVersion}. */
    byte[] bookmark(long revision);

    /** An ERROR event with {@code status} (410 Expired, ...). */
    byte[] error(Status status);
}
