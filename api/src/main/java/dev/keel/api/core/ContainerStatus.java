package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * The observed state of one container.
 */
public record ContainerStatus(String name,
                              ContainerState state,
                              ContainerState lastState,
                              Boolean ready,
                              Integer restartCount,
                              String image,
                              String imageID,
                              String containerID,
                              Boolean started,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerStatus {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.state = state;
        b.lastState = lastState;
        b.ready = ready;
        b.restartCount = restartCount;
        b.image = image;
        b.imageID = imageID;
        b.containerID = containerID;
        b.started = started;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link ContainerStatus}; not thread-safe. */
    public static final class Builder {
        private String name;
        private ContainerState state;
        private ContainerState lastState;
        private Boolean ready;
        private Integer restartCount;
        private String image;
        private String imageID;
        private String containerID;
        private Boolean started;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder state(ContainerState v) {
            state = v;
            return this;
        }

        public Builder lastState(ContainerState v) {
            lastState = v;
            return this;
        }

        public Builder ready(Boolean v) {
            ready = v;
            return this;
        }

        public Builder restartCount(Integer v) {
            restartCount = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder imageID(String v) {
            imageID = v;
            return this;
        }

        public Builder containerID(String v) {
            containerID = v;
            return this;
        }

        public Builder started(Boolean v) {
            started = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public ContainerStatus build() {
            return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, containerID, started, unknownFields);
        }
    }
}
