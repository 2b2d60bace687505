package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;

import java.time.Instant;
import java.util.Map;

/**
 * An event (core/v1) about an object: kubectl describe shows them. type: Normal or Warning.
 */
public record Event(String apiVersion,
                    String kind,
                    ObjectMeta metadata,
                    ObjectReference involvedObject,
                    String reason,
                    String message,
                    EventSource source,
                    Instant firstTimestamp,
                    Instant lastTimestamp,
                    Integer count,
                    String type,
                    Instant eventTime,
                    String action,
                    String reportingComponent,
                    String reportingInstance,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Event");

    public Event {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Event withMetadata(ObjectMeta metadata) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withInvolvedObject(ObjectReference involvedObject) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withReason(String reason) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withMessage(String message) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withSource(EventSource source) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withFirstTimestamp(Instant firstTimestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withLastTimestamp(Instant lastTimestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withCount(Integer count) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withType(String type) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withEventTime(Instant eventTime) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withAction(String action) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withReportingComponent(String reportingComponent) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }

    public Event withReportingInstance(String reportingInstance) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance, unknownFields);
    }
}
