package dev.keel.api.meta;

/**
 * A stored Kubernetes object: typed and carrying {@link ObjectMeta}. Implementations are immutable records;
 * {@link #withMetadata} returns a copy, so objects taken from a cache can be shared read-only.
 */
public interface KubeObject extends TypedObject {
    /** Never {@code null}; an object without metadata has {@link ObjectMeta#EMPTY}. */
    ObjectMeta metadata();

    /** A copy of this object with {@code metadata} replaced. */
    KubeObject withMetadata(ObjectMeta metadata);
}
