package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A liveness, readiness or startup probe: one handler (exec, httpGet or tcpSocket) and its timing, in seconds.
 * Defaults: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3.
 */
public record Probe(ExecAction exec,
                    HttpGetAction httpGet,
                    TcpSocketAction tcpSocket,
                    Integer initialDelaySeconds,
                    Integer timeoutSeconds,
                    Integer periodSeconds,
                    Integer successThreshold,
                    Integer failureThreshold,
                    Long terminationGracePeriodSeconds,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Probe {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.exec = exec;
        b.httpGet = httpGet;
        b.tcpSocket = tcpSocket;
        b.initialDelaySeconds = initialDelaySeconds;
        b.timeoutSeconds = timeoutSeconds;
        b.periodSeconds = periodSeconds;
        b.successThreshold = successThreshold;
        b.failureThreshold = failureThreshold;
        b.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link Probe}; not thread-safe. */
    public static final class Builder {
        private ExecAction exec;
        private HttpGetAction httpGet;
        private TcpSocketAction tcpSocket;
        private Integer initialDelaySeconds;
        private Integer timeoutSeconds;
        private Integer periodSeconds;
        private Integer successThreshold;
        private Integer failureThreshold;
        private Long terminationGracePeriodSeconds;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder exec(ExecAction v) {
            exec = v;
            return this;
        }

        public Builder httpGet(HttpGetAction v) {
            httpGet = v;
            return this;
        }

        public Builder tcpSocket(TcpSocketAction v) {
            tcpSocket = v;
            return this;
        }

        public Builder initialDelaySeconds(Integer v) {
            initialDelaySeconds = v;
            return this;
        }

        public Builder timeoutSeconds(Integer v) {
            timeoutSeconds = v;
            return this;
        }

        public Builder periodSeconds(Integer v) {
            periodSeconds = v;
            return this;
        }

        public Builder successThreshold(Integer v) {
            successThreshold = v;
            return this;
        }

        public Builder failureThreshold(Integer v) {
            failureThreshold = v;
            return this;
        }

        public Builder terminationGracePeriodSeconds(Long v) {
            terminationGracePeriodSeconds = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public Probe build() {
            return new Probe(exec, httpGet, tcpSocket, initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold, terminationGracePeriodSeconds, unknownFields);
        }
    }
}
