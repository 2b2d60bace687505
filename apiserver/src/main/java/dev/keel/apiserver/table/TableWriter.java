package dev.keel.apiserver.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.ResourceType;

import java.time.Clock;
import java.util.List;

/**
 * Builds {@code meta.k8s.io/v1 Table} answers ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the
 * kind's columns, one row per object, and each row's object as PartialObjectMetadata (or the full object when the
 * client sent {@code includeObject=Object}). Thread-safe.
 */
public final class TableWriter {
    public static final String CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private final ObjectMapper json;
    private final TableColumns columns;

    public TableWriter(ObjectMapper json, Clock clock) {
        this.json = json;
        this.columns = new TableColumns(clock);
    }

    /** What {@code rows[].object} carries. */
    public enum Include { NONE, METADATA, OBJECT }

    public static Include include(String param) {
        return switch (param == null ? "" : param) {
            case "None" -> Include.NONE;
            case "Object" -> Include.OBJECT;
            default -> Include.METADATA;
        };
    }

    /**
     * A Table of {@code objects}.
     *
     * @param resourceVersion list metadata (null for a single object)
     * @param continueToken   the next page's token, or null
     */
    public ObjectNode table(ResourceType<?> type, List<ObjectNode> objects, String resourceVersion,
                            String continueToken, Include include) {
        ObjectNode t = json.createObjectNode();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = t.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        List<Column> cols = columns.of(type);
        ArrayNode defs = t.putArray("columnDefinitions");
        for (Column c : cols) {
            ObjectNode d = defs.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c.format());
            d.put("description", c.description());
            d.put("priority", c.priority());
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : cols) {
                Object v = c.cell().apply(o);
                if (v instanceof Number n) {
                    cells.add(n.longValue());
                } else {
                    cells.add(v == null ? "" : v.toString());
                }
            }
            switch (include) {
                case OBJECT -> row.set("object", o);
                case METADATA -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", o.path("metadata").deepCopy());
                }
                default -> row.putNull("object");
            }
        }
        return t;
    }
}
