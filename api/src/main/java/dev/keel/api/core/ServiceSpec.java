package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * The desired state of a service. type: ClusterIP (default), NodePort, LoadBalancer, ExternalName.
 */
public record ServiceSpec(Map<String, String> selector,
                          List<ServicePort> ports,
                          String type,
                          String clusterIP,
                          List<String> clusterIPs,
                          String sessionAffinity,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ServiceSpec EMPTY = new ServiceSpec(null, null, null, null, null, null, Map.of());

    public ServiceSpec {
        selector = Immutable.map(selector);
        ports = Immutable.list(ports);
        clusterIPs = Immutable.list(clusterIPs);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.selector = selector;
        b.ports = ports;
        b.type = type;
        b.clusterIP = clusterIP;
        b.clusterIPs = clusterIPs;
        b.sessionAffinity = sessionAffinity;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link ServiceSpec}; not thread-safe. */
    public static final class Builder {
        private Map<String, String> selector;
        private List<ServicePort> ports;
        private String type;
        private String clusterIP;
        private List<String> clusterIPs;
        private String sessionAffinity;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder selector(Map<String, String> v) {
            selector = v;
            return this;
        }

        public Builder ports(List<ServicePort> v) {
            ports = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder clusterIP(String v) {
            clusterIP = v;
            return this;
        }

        public Builder clusterIPs(List<String> v) {
            clusterIPs = v;
            return this;
        }

        public Builder sessionAffinity(String v) {
            sessionAffinity = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(selector, ports, type, clusterIP, clusterIPs, sessionAffinity, unknownFields);
        }
    }
}
