package dev.keel.node;

import dev.keel.api.core.Pod;
import dev.keel.api.informer.ObjectCache;

import java.util.List;
import java.util.Optional;

/**
 * The pods bound to one node as its agent's informer cache holds them: its own cache (field selector
 * {@code spec.nodeName=<node>}), or its slice of a fleet's shared cache ({@link FleetPods}). Read-only objects.
 */
interface NodePods {
    List<Pod> list();

    Optional<Pod> get(String namespace, String name);

    /** Every object of {@code cache} (which holds only this node's pods). */
    static NodePods of(ObjectCache<Pod> cache) {
        return new NodePods() {
            @Override
            public List<Pod> list() {
                return cache.list();
            }

            @Override
            public Optional<Pod> get(String namespace, String name) {
                return cache.get(namespace, name);
            }
        };
    }
}
