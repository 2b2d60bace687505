package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * The desired state of a pod: what the scheduler, the node agent and the controllers read. Fields not modelled here
 * (volumes, securityContext, ...) are kept as unknown fields.
 */
public record PodSpec(List<Container> initContainers,
                      List<Container> containers,
                      String restartPolicy,
                      Long terminationGracePeriodSeconds,
                      Long activeDeadlineSeconds,
                      String dnsPolicy,
                      Map<String, String> nodeSelector,
                      String serviceAccountName,
                      String nodeName,
                      Boolean hostNetwork,
                      Affinity affinity,
                      String schedulerName,
                      List<Toleration> tolerations,
                      String priorityClassName,
                      Integer priority,
                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final PodSpec EMPTY = new PodSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, Map.of());

    public PodSpec {
        initContainers = Immutable.list(initContainers);
        containers = Immutable.list(containers);
        nodeSelector = Immutable.map(nodeSelector);
        tolerations = Immutable.list(tolerations);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public PodSpec withNodeName(String nodeName) {
        return new PodSpec(initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, affinity, schedulerName, tolerations, priorityClassName, priority, unknownFields);
    }

    public PodSpec withContainers(List<Container> containers) {
        return new PodSpec(initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, affinity, schedulerName, tolerations, priorityClassName, priority, unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.initContainers = initContainers;
        b.containers = containers;
        b.restartPolicy = restartPolicy;
        b.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
        b.activeDeadlineSeconds = activeDeadlineSeconds;
        b.dnsPolicy = dnsPolicy;
        b.nodeSelector = nodeSelector;
        b.serviceAccountName = serviceAccountName;
        b.nodeName = nodeName;
        b.hostNetwork = hostNetwork;
        b.affinity = affinity;
        b.schedulerName = schedulerName;
        b.tolerations = tolerations;
        b.priorityClassName = priorityClassName;
        b.priority = priority;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link PodSpec}; not thread-safe. */
    public static final class Builder {
        private List<Container> initContainers;
        private List<Container> containers;
        private String restartPolicy;
        private Long terminationGracePeriodSeconds;
        private Long activeDeadlineSeconds;
        private String dnsPolicy;
        private Map<String, String> nodeSelector;
        private String serviceAccountName;
        private String nodeName;
        private Boolean hostNetwork;
        private Affinity affinity;
        private String schedulerName;
        private List<Toleration> tolerations;
        private String priorityClassName;
        private Integer priority;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder initContainers(List<Container> v) {
            initContainers = v;
            return this;
        }

        public Builder containers(List<Container> v) {
            containers = v;
            return this;
        }

        public Builder restartPolicy(String v) {
            restartPolicy = v;
            return this;
        }

        public Builder terminationGracePeriodSeconds(Long v) {
            terminationGracePeriodSeconds = v;
            return this;
        }

        public Builder activeDeadlineSeconds(Long v) {
            activeDeadlineSeconds = v;
            return this;
        }

        public Builder dnsPolicy(String v) {
            dnsPolicy = v;
            return this;
        }

        public Builder nodeSelector(Map<String, String> v) {
            nodeSelector = v;
            return this;
        }

        public Builder serviceAccountName(String v) {
            serviceAccountName = v;
            return this;
        }

        public Builder nodeName(String v) {
            nodeName = v;
            return this;
        }

        public Builder hostNetwork(Boolean v) {
            hostNetwork = v;
            return this;
        }

        public Builder affinity(Affinity v) {
            affinity = v;
            return this;
        }

        public Builder schedulerName(String v) {
            schedulerName = v;
            return this;
        }

        public Builder tolerations(List<Toleration> v) {
            tolerations = v;
            return this;
        }

        public Builder priorityClassName(String v) {
            priorityClassName = v;
            return this;
        }

        public Builder priority(Integer v) {
            priority = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public PodSpec build() {
            return new PodSpec(initContainers, containers, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, affinity, schedulerName, tolerations, priorityClassName, priority, unknownFields);
        }
    }
}
