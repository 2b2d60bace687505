package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.Timestamps;

import java.time.Instant;

/**
 * A minimal {@code metadata.managedFields}: one entry per manager, operation and subresource with the apiVersion and
 * the time of its last write that changed the object. Keel does not track which fields each manager owns, so the
 * entries carry no {@code fieldsType}/{@code fieldsV1} rather than a made-up field set; they answer "who wrote this
 * and when", not "who owns this field" (which server-side apply would need).
 */
final class ManagedFields {
    static final String UPDATE = "Update";

    private ManagedFields() {
    }

    /** Adds or refreshes the entry of {@code manager} on {@code obj} (in place). */
    static void record(ObjectNode obj, String manager, String apiVersion, String subresource, Instant time) {
        ObjectNode meta = ObjectTrees.meta(obj);
        ArrayNode entries = meta.get("managedFields") instanceof ArrayNode a ? a : meta.putArray("managedFields");
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode e = entries.get(i);
            if (e.path("manager").asText().equals(manager) && e.path("operation").asText().equals(UPDATE)
                    && e.path("subresource").asText("").equals(subresource)) {
                entries.remove(i);
            }
        }
        ObjectNode entry = entries.addObject();
        entry.put("manager", manager);
        entry.put("operation", UPDATE);
        entry.put("apiVersion", apiVersion);
        entry.put("time", Timestamps.format(time));
        if (!subresource.isEmpty()) {
            entry.put("subresource", subresource);
        }
    }
}
