package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * A status condition. Kubernetes has one condition type per kind (PodCondition, NodeCondition,
 * DeploymentCondition, ReplicaSetCondition) that differ only in which timestamps they carry; this record is their
 * union, and absent timestamps are not written, so each kind's JSON comes out as Kubernetes writes it.
 *
 * @param status "True", "False" or "Unknown"
 */
public record Condition(String type, String status, Instant lastProbeTime, Instant lastHeartbeatTime,
                        Instant lastUpdateTime, Instant lastTransitionTime, String reason, String message,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Condition {
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** A condition with a transition time, reason and message (the timestamps of other kinds unset). */
    public static Condition of(String type, boolean status, Instant lastTransitionTime, String reason,
                               String message) {
        return new Condition(type, status ? "True" : "False", null, null, null, lastTransitionTime, reason, message,
                Map.of());
    }

    public boolean isTrue() {
        return "True".equals(status);
    }
}
