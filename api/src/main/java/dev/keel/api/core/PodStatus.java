package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Condition;
import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The observed state of a pod. phase: Pending, Running, Succeeded, Failed or Unknown.
 */
public record PodStatus(String phase,
                        List<Condition> conditions,
                        String message,
                        String reason,
                        String hostIP,
                        String podIP,
                        Instant startTime,
                        List<ContainerStatus> initContainerStatuses,
                        List<ContainerStatus> containerStatuses,
                        String qosClass,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final PodStatus EMPTY = new PodStatus(null, null, null, null, null, null, null, null, null, null, Map.of());

    public PodStatus {
        conditions = Immutable.list(conditions);
        initContainerStatuses = Immutable.list(initContainerStatuses);
        containerStatuses = Immutable.list(containerStatuses);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.phase = phase;
        b.conditions = conditions;
        b.message = message;
        b.reason = reason;
        b.hostIP = hostIP;
        b.podIP = podIP;
        b.startTime = startTime;
        b.initContainerStatuses = initContainerStatuses;
        b.containerStatuses = containerStatuses;
        b.qosClass = qosClass;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link PodStatus}; not thread-safe. */
    public static final class Builder {
        private String phase;
        private List<Condition> conditions;
        private String message;
        private String reason;
        private String hostIP;
        private String podIP;
        private Instant startTime;
        private List<ContainerStatus> initContainerStatuses;
        private List<ContainerStatus> containerStatuses;
        private String qosClass;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder phase(String v) {
            phase = v;
            return this;
        }

        public Builder conditions(List<Condition> v) {
            conditions = v;
            return this;
        }

        public Builder message(String v) {
            message = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder hostIP(String v) {
            hostIP = v;
            return this;
        }

        public Builder podIP(String v) {
            podIP = v;
            return this;
        }

        public Builder startTime(Instant v) {
            startTime = v;
            return this;
        }

        public Builder initContainerStatuses(List<ContainerStatus> v) {
            initContainerStatuses = v;
            return this;
        }

        public Builder containerStatuses(List<ContainerStatus> v) {
            containerStatuses = v;
            return this;
        }

        public Builder qosClass(String v) {
            qosClass = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public PodStatus build() {
            return new PodStatus(phase, conditions, message, reason, hostIP, podIP, startTime, initContainerStatuses, containerStatuses, qosClass, unknownFields);
        }
    }
}
