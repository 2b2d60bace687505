package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * metadata of every stored object. Strings and numbers are {@code null} when absent (and then not written);
 * collections are never {@code null}, just empty. Fields this model does not name (e.g. {@code managedFields},
 * {@code selfLink}) are kept in {@link #unknownFields} and written back unchanged.
 *
 * <p>{@code resourceVersion} is the store's mod revision as a decimal string; {@code generation} counts spec
 * changes. Use {@link #toBuilder()} to derive a changed copy.
 */
public record ObjectMeta(String name, String generateName, String namespace, String uid, String resourceVersion,
                         Long generation, Instant creationTimestamp, Instant deletionTimestamp,
                         Long deletionGracePeriodSeconds, Map<String, String> labels,
                         Map<String, String> annotations, List<OwnerReference> ownerReferences,
                         List<String> finalizers,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

    /** No field set. */
    public static final ObjectMeta EMPTY = builder().build();

    public ObjectMeta {
        labels = Immutable.map(labels);
        annotations = Immutable.map(annotations);
        ownerReferences = Immutable.list(ownerReferences);
        finalizers = Immutable.list(finalizers);
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** Metadata with just a name and a namespace ({@code null} for cluster-scoped objects). */
    public static ObjectMeta of(String namespace, String name) {
        return builder().namespace(namespace).name(name).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The controller owner reference, if any. */
    public Optional<OwnerReference> controllerRef() {
        return ownerReferences.stream().filter(OwnerReference::isController).findFirst();
    }

    /** {@code namespace/name}, or just {@code name} for cluster-scoped objects: the work-queue key. */
    public String key() {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** Mutable builder for {@link ObjectMeta}; not thread-safe. */
    public static final class Builder {
        private String name;
        private String generateName;
        private String namespace;
        private String uid;
        private String resourceVersion;
        private Long generation;
        private Instant creationTimestamp;
        private Instant deletionTimestamp;
        private Long deletionGracePeriodSeconds;
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();
        private List<OwnerReference> ownerReferences = List.of();
        private List<String> finalizers = List.of();
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        private Builder(ObjectMeta m) {
            name = m.name;
            generateName = m.generateName;
            namespace = m.namespace;
            uid = m.uid;
            resourceVersion = m.resourceVersion;
            generation = m.generation;
            creationTimestamp = m.creationTimestamp;
            deletionTimestamp = m.deletionTimestamp;
            deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
            labels = m.labels;
            annotations = m.annotations;
            ownerReferences = m.ownerReferences;
            finalizers = m.finalizers;
            unknownFields = m.unknownFields;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder generateName(String v) {
            generateName = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder uid(String v) {
            uid = v;
            return this;
        }

        public Builder resourceVersion(String v) {
            resourceVersion = v;
            return this;
        }

        public Builder generation(Long v) {
            generation = v;
            return this;
        }

        public Builder creationTimestamp(Instant v) {
            creationTimestamp = v;
            return this;
        }

        public Builder deletionTimestamp(Instant v) {
            deletionTimestamp = v;
            return this;
        }

        public Builder deletionGracePeriodSeconds(Long v) {
            deletionGracePeriodSeconds = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = v;
            return this;
        }

        public Builder annotations(Map<String, String> v) {
            annotations = v;
            return this;
        }

        public Builder ownerReferences(List<OwnerReference> v) {
            ownerReferences = v;
            return this;
        }

        public Builder finalizers(List<String> v) {
            finalizers = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public ObjectMeta build() {
            return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                    deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers,
                    unknownFields);
        }
    }
}
