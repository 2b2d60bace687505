package dev.keel.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * Decodes Kubernetes' protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into JSON trees: the
 * magic {@code k8s\0}, then a {@code runtime.Unknown} (1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3
 * contentEncoding, 4 contentType) whose {@code raw} is the object in generated.proto encoding. Kinds and fields are
 * those in {@link Schemas}; anything else that carries a value is refused, so nothing is dropped silently. Zero
 * values (empty strings, false, unset timestamps) are left out, as JSON's omitempty would.
 */
public final class KubeProtobuf {
    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private KubeProtobuf() {
    }

    /** The object of a protobuf body, with apiVersion and kind set from its type meta. */
    public static ObjectNode decode(byte[] body) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw new ProtobufException("a protobuf body must start with the bytes k8s\\0");
        }
        ProtoReader r = new ProtoReader(body, 4, body.length);
        String apiVersion = "";
        String kind = "";
        ProtoReader raw = null;
        while (r.more()) {
            int tag = r.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == ProtoReader.LENGTH) {
                ProtoReader tm = r.nested();
                while (tm.more()) {
                    int t = tm.tag();
                    if (t >>> 3 == 1 && (t & 7) == ProtoReader.LENGTH) {
                        apiVersion = tm.string();
                    } else if (t >>> 3 == 2 && (t & 7) == ProtoReader.LENGTH) {
                        kind = tm.string();
                    } else {
                        tm.skip(t & 7);
                    }
                }
            } else if (field == 2 && (tag & 7) == ProtoReader.LENGTH) {
                raw = r.nested();
            } else if (field == 3 && (tag & 7) == ProtoReader.LENGTH) {
                String encoding = r.string();
                if (!encoding.isEmpty()) {
                    throw new ProtobufException("content encoding \"" + encoding + "\" is not supported", true);
                }
            } else {
                r.skip(tag & 7);
            }
        }
        if (kind.isEmpty() || raw == null) {
            throw new ProtobufException("the protobuf envelope has no kind or no object");
        }
        if (!Schemas.MESSAGES.containsKey(kind) || kind.equals("Empty") || !isTopLevel(kind)) {
            throw new ProtobufException("Keel decodes protobuf bodies of Namespace, Deployment, Pod and Service only,"
                    + " not " + kind + "; send JSON (Content-Type: application/json)", true);
        }
        ObjectNode obj = NODES.objectNode();
        obj.put("apiVersion", apiVersion);
        obj.put("kind", kind);
        obj.setAll(message(raw, kind, kind));
        return obj;
    }

    private static boolean isTopLevel(String kind) {
        return kind.equals("Namespace") || kind.equals("Deployment") || kind.equals("Pod") || kind.equals("Service");
    }

    private static ObjectNode message(ProtoReader r, String type, String path) {
        Map<Integer, Field> schema = Schemas.MESSAGES.get(type);
        ObjectNode out = NODES.objectNode();
        while (r.more()) {
            int tag = r.tag();
            int number = tag >>> 3;
            int wire = tag & 7;
            Field f = schema.get(number);
            if (f == null) {
                if (!r.skip(wire) && !type.equals("Empty")) {
                    throw new ProtobufException("field " + number + " of " + type + " (at " + path
                            + ") is not decoded by Keel; send JSON (Content-Type: application/json)", true);
                }
                continue;
            }
            JsonNode value = value(r, f, wire, path + "." + f.json());
            if (value == null) {
                continue;
            }
            if (f.repeated()) {
                JsonNode a = out.get(f.json());
                (a instanceof ArrayNode arr ? arr : out.putArray(f.json())).add(value);
            } else if (f.type() == Field.Type.STRING_MAP || f.type() == Field.Type.QUANTITY_MAP) {
                JsonNode m = out.get(f.json());
                (m instanceof ObjectNode o ? o : out.putObject(f.json())).setAll((ObjectNode) value);
            } else {
                out.set(f.json(), value);
            }
        }
        return out;
    }

    /** The JSON value of one occurrence of {@code f}, or null for a zero value left out. */
    private static JsonNode value(ProtoReader r, Field f, int wire, String path) {
        expectWire(f, wire, path);
        switch (f.type()) {
            case STRING: {
                String s = r.string();
                return s.isEmpty() && !f.repeated() ? null : NODES.textNode(s);
            }
            case INT:
                return number(r.varint());
            case INT_OMIT_ZERO: {
                long v = r.varint();
                return v == 0 ? null : number(v);
            }
            case BOOL:
                return r.varint() != 0 ? NODES.booleanNode(true) : null;
            case MESSAGE:
                return message(r.nested(), f.message(), path);
            case STRING_MAP:
            case QUANTITY_MAP:
                return mapEntry(r.nested(), f.type() == Field.Type.QUANTITY_MAP, path);
            case TIME:
                return time(r.nested());
            case INT_OR_STRING:
                return intOrString(r.nested());
            default:
                throw new IllegalStateException("unhandled field type " + f.type());
        }
    }

    /** An int node when the value fits (int32 fields are sign-extended to 64 bits on the wire). */
    private static JsonNode number(long v) {
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }

    private static void expectWire(Field f, int wire, String path) {
        boolean varint = f.type() == Field.Type.INT || f.type() == Field.Type.INT_OMIT_ZERO
                || f.type() == Field.Type.BOOL;
        if (wire != (varint ? ProtoReader.VARINT : ProtoReader.LENGTH)) {
            throw new ProtobufException("field " + path + " has wire type " + wire + ", expected "
                    + (varint ? "varint" : "length-delimited"));
        }
    }

    private static ObjectNode mapEntry(ProtoReader r, boolean quantity, String path) {
        String key = "";
        String value = "";
        while (r.more()) {
            int t = r.tag();
            if (t >>> 3 == 1) {
                key = r.string();
            } else if (t >>> 3 == 2) {
                if (quantity) {
                    ProtoReader q = r.nested();
                    while (q.more()) {
                        int qt = q.tag();
                        if (qt >>> 3 == 1) {
                            value = q.string();
                        } else {
                            q.skip(qt & 7);
                        }
                    }
                } else {
                    value = r.string();
                }
            } else {
                r.skip(t & 7);
            }
        }
        ObjectNode o = NODES.objectNode();
        o.put(key, value);
        return o;
    }

    private static JsonNode time(ProtoReader r) {
        long seconds = 0;
        long nanos = 0;
        while (r.more()) {
            int t = r.tag();
            if (t >>> 3 == 1) {
                seconds = r.varint();
            } else if (t >>> 3 == 2) {
                nanos = r.varint();
            } else {
                r.skip(t & 7);
            }
        }
        return seconds == 0 && nanos == 0 ? null : NODES.textNode(Instant.ofEpochSecond(seconds).toString());
    }

    private static JsonNode intOrString(ProtoReader r) {
        long type = 0;
        long intVal = 0;
        String strVal = "";
        while (r.more()) {
            int t = r.tag();
            switch (t >>> 3) {
                case 1 -> type = r.varint();
                case 2 -> intVal = r.varint();
                case 3 -> strVal = r.string();
                default -> r.skip(t & 7);
            }
        }
        return type == 1 ? NODES.textNode(strVal) : NODES.numberNode((int) intVal);
    }
}
