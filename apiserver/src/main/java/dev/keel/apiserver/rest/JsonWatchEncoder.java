package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.Status;
import dev.keel.apiserver.registry.StoredJson;
import dev.keel.apiserver.table.TableWriter;
import dev.keel.apiserver.watch.CachedObject;
import dev.keel.apiserver.watch.WatchEncoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Watch lines as JSON: {@code {"type":"ADDED","object":{...}}\n}, the object as stored, or as a one-row Table when
 * the client accepted Tables (what {@code kubectl get -w} prints).
 */
final class JsonWatchEncoder implements WatchEncoder {
    private final ResourceType<?> type;
    private final KubeCodec codec;
    private final TableWriter tables;
    private final boolean table;

    JsonWatchEncoder(ResourceType<?> type, KubeCodec codec, TableWriter tables, boolean table) {
        this.type = type;
        this.codec = codec;
        this.tables = tables;
        this.table = table;
    }

    @Override
    public byte[] change(String eventType, CachedObject object) {
        byte[] body = table
                ? codec.encode(tables.table(type, List.of(StoredJson.tree(codec.jsonMapper(), object.json())), null, null, TableWriter.Include.METADATA))
                : object.json();
        return line(eventType, body);
    }

    @Override
    public byte[] bookmark(long revision) {
        ObjectNode o = codec.jsonMapper().createObjectNode();
        o.put("kind", type.gvk().kind());
        o.put("apiVersion", type.gvk().apiVersion());
        o.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return line("BOOKMARK", codec.encode(o));
    }

    @Override
    public byte[] error(Status status) {
        return line("ERROR", codec.encode(status));
    }

    private static byte[] line(String eventType, byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + 32);
        out.writeBytes(("{\"type\":\"" + eventType + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(object);
        out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
