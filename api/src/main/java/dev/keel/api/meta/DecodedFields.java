package dev.keel.api.meta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;

/**
 * The unknown fields of one record as the codec decoded them: the map Jackson fills while binding the record, whose
 * trees were built from the document's text for this record alone. Nobody else holds the map or its trees (only
 * {@link UnknownFieldsModule} makes one, inside Jackson, and hands it to the record's constructor), so
 * {@link Immutable#unknown} keeps them without the deep copy a caller's map needs.
 *
 * <p>A {@link HashMap} as Jackson's own parameter map is, so the fields iterate (and are written) in the same order.
 */
final class DecodedFields extends HashMap<String, JsonNode> {
    private static final long serialVersionUID = 1L;

    DecodedFields() {
    }
}
