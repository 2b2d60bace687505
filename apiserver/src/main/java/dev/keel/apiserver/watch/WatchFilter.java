package dev.keel.apiserver.watch;

import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.Selector;

/**
 * Which objects a list or watch wants: one namespace (or all, when {@code namespace} is null), a label selector and
 * a field selector.
 */
public record WatchFilter(String namespace, Selector labels, FieldSelector fields) {
    public static final WatchFilter ALL = new WatchFilter(null, Selector.everything(), FieldSelector.everything());

    public boolean matches(CachedObject o) {
        return (namespace == null || namespace.equals(o.namespace())) && labels.matches(o.labels())
                && fields.matches(o.fields());
    }
}
