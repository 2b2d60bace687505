package dev.keel.controllers.util;

import dev.keel.api.informer.Indexer;
import dev.keel.api.informer.Informer;
import dev.keel.api.meta.KubeObject;

/**
 * Adds an index to a shared informer unless another controller has already added it under the same name. Only
 * use the names of {@link dev.keel.api.informer.Indexers}, whose meaning is fixed, so that an existing index of that
 * name computes the same thing.
 */
public final class SharedIndexes {
    private SharedIndexes() {
    }

    public static <T extends KubeObject> void ensure(Informer<T> informer, String name, Indexer<T> indexer) {
        try {
            informer.addIndexer(name, indexer);
        } catch (IllegalArgumentException alreadyThere) {
            // another controller on the same shared informer added it first
        }
    }
}
