package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.LabelSelector;

import java.util.Map;

/**
 * The desired state of a Deployment.
 */
public record DeploymentSpec(Integer replicas,
                             LabelSelector selector,
                             PodTemplateSpec template,
                             DeploymentStrategy strategy,
                             Integer minReadySeconds,
                             Integer revisionHistoryLimit,
                             Boolean paused,
                             Integer progressDeadlineSeconds,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final DeploymentSpec EMPTY = new DeploymentSpec(null, null, null, null, null, null, null, null, Map.of());

    public DeploymentSpec {
        template = template == null ? PodTemplateSpec.EMPTY : template;
        unknownFields = Immutable.unknown(unknownFields);
    }

    public DeploymentSpec withReplicas(Integer replicas) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.replicas = replicas;
        b.selector = selector;
        b.template = template;
        b.strategy = strategy;
        b.minReadySeconds = minReadySeconds;
        b.revisionHistoryLimit = revisionHistoryLimit;
        b.paused = paused;
        b.progressDeadlineSeconds = progressDeadlineSeconds;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link DeploymentSpec}; not thread-safe. */
    public static final class Builder {
        private Integer replicas;
        private LabelSelector selector;
        private PodTemplateSpec template;
        private DeploymentStrategy strategy;
        private Integer minReadySeconds;
        private Integer revisionHistoryLimit;
        private Boolean paused;
        private Integer progressDeadlineSeconds;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder replicas(Integer v) {
            replicas = v;
            return this;
        }

        public Builder selector(LabelSelector v) {
            selector = v;
            return this;
        }

        public Builder template(PodTemplateSpec v) {
            template = v;
            return this;
        }

        public Builder strategy(DeploymentStrategy v) {
            strategy = v;
            return this;
        }

        public Builder minReadySeconds(Integer v) {
            minReadySeconds = v;
            return this;
        }

        public Builder revisionHistoryLimit(Integer v) {
            revisionHistoryLimit = v;
            return this;
        }

        public Builder paused(Boolean v) {
            paused = v;
            return this;
        }

        public Builder progressDeadlineSeconds(Integer v) {
            progressDeadlineSeconds = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public DeploymentSpec build() {
            return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, unknownFields);
        }
    }
}
