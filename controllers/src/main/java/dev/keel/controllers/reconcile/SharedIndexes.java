package dev.keel.controllers.reconcile;

import dev.keel.api.informer.Indexer;
import dev.keel.api.informer.Informer;
import dev.keel.api.meta.KubeObject;

/** Adds an index to a shared informer unless another controller of the process added one of that name already. */
public final class SharedIndexes {
    private SharedIndexes() {
    }

    /** Adds {@code indexer} as {@code name}; the index names of {@code Indexers} mean the same to every caller. */
    public static <T extends KubeObject> void ensure(Informer<T> informer, String name, Indexer<T> indexer) {
        try {
            informer.addIndexer(name, indexer);
        } catch (IllegalArgumentException e) {
            // present already: same name, same meaning
        }
    }
}
