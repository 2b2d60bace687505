package dev.keel.apiserver.storage;

import java.util.List;

/**
 * One range read: {@code objects} in key order, read at store {@code revision}; {@code more} when the range holds
 * further keys after the last one returned.
 */
public record Page(List<StoredObject> objects, long revision, boolean more) {
    public Page {
        objects = List.copyOf(objects);
    }
}
