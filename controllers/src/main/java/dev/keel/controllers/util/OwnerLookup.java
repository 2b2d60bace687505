package dev.keel.controllers.util;

import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.ObjectCache;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.selector.Selector;
import dev.keel.api.selector.SelectorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** How an owning controller (ReplicaSet, Deployment) finds the owner of a dependent in its informer's cache. */
public final class OwnerLookup {
    private OwnerLookup() {
    }

    /** The owner that {@code ref} (a controller reference in {@code namespace}) names, if it is of {@code kind}. */
    public static <T extends KubeObject> Optional<T> owner(ObjectCache<T> owners, String kind, String namespace,
                                                           OwnerReference ref) {
        if (!kind.equals(ref.kind())) {
            return Optional.empty();
        }
        return owners.get(namespace, ref.name()).filter(o -> o.metadata().uid().equals(ref.uid()));
    }

    /** The owners in {@code namespace} whose non-empty selector matches {@code labels} (an orphan to adopt). */
    public static <T extends KubeObject> List<T> selecting(ObjectCache<T> owners, Function<T, LabelSelector> selector,
                                                           String namespace, Map<String, String> labels) {
        List<T> out = new ArrayList<>();
        for (T o : owners.byIndex(Indexers.NAMESPACE, namespace)) {
            try {
                Selector s = Selector.of(selector.apply(o));
                if (!s.isEmpty() && s.matches(labels)) {
                    out.add(o);
                }
            } catch (SelectorException e) {
                // an invalid selector matches nothing; the owner's own sync reports it
            }
        }
        return out;
    }
}
