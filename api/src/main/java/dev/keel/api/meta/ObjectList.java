package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Every {@code <Kind>List} kind (PodList, DeploymentList, ...): one generic record, since the lists differ only in
 * their item type and kind name. Decode with {@code KubeCodec.decodeList(bytes, Pod.class)}.
 */
public record ObjectList<T extends KubeObject>(String apiVersion, String kind, ListMeta metadata, List<T> items,
                                               @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields)
        implements TypedObject {
    public ObjectList {
        metadata = metadata == null ? ListMeta.EMPTY : metadata;
        items = Immutable.list(items);
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** A list of {@code items} of kind {@code gvk} ({@code <gvk.kind>List}) read at {@code metadata}. */
    public static <T extends KubeObject> ObjectList<T> of(GroupVersionKind itemKind, ListMeta metadata, List<T> items) {
        return new ObjectList<>(itemKind.apiVersion(), itemKind.kind() + "List", metadata, items, Map.of());
    }
}
