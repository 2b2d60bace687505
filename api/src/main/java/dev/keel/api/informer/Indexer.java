package dev.keel.api.informer;

import dev.keel.api.meta.KubeObject;

import java.util.List;

/** The index values of an object (none, one or several), e.g. its node name or its owners' uids. */
@FunctionalInterface
public interface Indexer<T extends KubeObject> {
    List<String> values(T object);
}
