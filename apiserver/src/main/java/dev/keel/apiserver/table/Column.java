package dev.keel.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Function;

/**
 * One Table column: its definition (priority 0 always shown, 1 only with {@code -o wide}) and how to compute the
 * cell from an object.
 */
record Column(String name, String type, String format, String description, int priority,
              Function<ObjectNode, Object> cell) {

    static Column of(String name, Function<ObjectNode, Object> cell) {
        return new Column(name, "string", "", name, 0, cell);
    }

    static Column wide(String name, Function<ObjectNode, Object> cell) {
        return new Column(name, "string", "", name, 1, cell);
    }

    static Column number(String name, Function<ObjectNode, Object> cell) {
        return new Column(name, "integer", "", name, 0, cell);
    }

    static Column nameColumn() {
        return new Column("Name", "string", "name", "Name must be unique within a namespace.", 0,
                o -> o.path("metadata").path("name").asText(""));
    }
}
