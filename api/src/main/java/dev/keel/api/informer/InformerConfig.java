package dev.keel.api.informer;

import java.time.Duration;
import java.util.Objects;

/**
 * What an informer watches and how it recovers.
 *
 * @param namespace         {@code null}: all namespaces
 * @param labelSelector     {@code null}: every object
 * @param fieldSelector     {@code null}: every object (e.g. {@code spec.nodeName=n1} for a node agent)
 * @param pageSize          list page size (default 500)
 * @param watchTimeout      each watch asks the server to end after a random time in [t, 2t) (default 5 min),
 *                          then resumes from the last resourceVersion; spreads reconnects of many informers
 * @param resyncPeriod      {@code Duration.ZERO}: no resync; otherwise every cached object is sent to
 *                          {@code onUpdate(o, o)} this often
 * @param backoffBase       first delay before a relist after a failure (default 100 ms), doubling per
 *                          consecutive failure ...
 * @param backoffMax        ... up to this (default 30 s)
 */
public record InformerConfig(String namespace, String labelSelector, String fieldSelector, int pageSize,
                             Duration watchTimeout, Duration resyncPeriod, Duration backoffBase,
                             Duration backoffMax) {
    public InformerConfig {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
        }
        Objects.requireNonNull(watchTimeout, "watchTimeout");
        if (watchTimeout.getSeconds() < 1) {
            throw new IllegalArgumentException("watchTimeout must be at least 1 s, got " + watchTimeout);
        }
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        if (resyncPeriod.isNegative()) {
            throw new IllegalArgumentException("resyncPeriod must not be negative, got " + resyncPeriod);
        }
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
    }

    /** Everything, in all namespaces, no resync, default timings. */
    public static InformerConfig defaults() {
        return new InformerConfig(null, null, null, 500, Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public InformerConfig withNamespace(String ns) {
        return new InformerConfig(ns, labelSelector, fieldSelector, pageSize, watchTimeout, resyncPeriod,
                backoffBase, backoffMax);
    }

    public InformerConfig withSelectors(String labels, String fields) {
        return new InformerConfig(namespace, labels, fields, pageSize, watchTimeout, resyncPeriod, backoffBase,
                backoffMax);
    }

    public InformerConfig withPageSize(int n) {
        return new InformerConfig(namespace, labelSelector, fieldSelector, n, watchTimeout, resyncPeriod,
                backoffBase, backoffMax);
    }

    public InformerConfig withWatchTimeout(Duration t) {
        return new InformerConfig(namespace, labelSelector, fieldSelector, pageSize, t, resyncPeriod, backoffBase,
                backoffMax);
    }

    public InformerConfig withResyncPeriod(Duration p) {
        return new InformerConfig(namespace, labelSelector, fieldSelector, pageSize, watchTimeout, p, backoffBase,
                backoffMax);
    }

    public InformerConfig withBackoff(Duration base, Duration max) {
        return new InformerConfig(namespace, labelSelector, fieldSelector, pageSize, watchTimeout, resyncPeriod,
                base, max);
    }
}
