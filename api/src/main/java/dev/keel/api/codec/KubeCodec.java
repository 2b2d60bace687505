package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.Status;
import dev.keel.api.meta.TypedObject;
import dev.keel.api.meta.WatchEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON and YAML encoding of Keel's objects. Thread-safe and immutable after construction; create one per
 * component and share it.
 *
 * <p>Decoding checks {@code apiVersion} and {@code kind} against the expected type: when absent they are taken
 * from the type; when present and different, decoding fails. Every failure is a {@link DecodeException} naming
 * the field and position. Fields the model does not know are kept (see the records' {@code unknownFields}) and
 * written back, so an object written by a newer client survives a round trip.
 */
public final class KubeCodec {
    private final ObjectMapper json;
    private final ObjectMapper yaml;
    /** Binds a value inside a larger document (the tokens after it are the document's, not trailing garbage). */
    private final ObjectReader embedded;
    /** {@link #embedded} for each type watched so far (a reader per event cost an allocation and a lookup). */
    private final ConcurrentHashMap<Class<?>, ObjectReader> embeddedByType = new ConcurrentHashMap<>();

    public KubeCodec() {
        this.json = Mappers.json();
        this.yaml = Mappers.yaml();
        this.embedded = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The JSON mapper, configured as for objects, for documents the apiserver writes itself (discovery, ...). */
    public ObjectMapper jsonMapper() {
        return json;
    }

    /** Decodes a JSON body as {@code type}. */
    public <T extends TypedObject> T decode(byte[] body, Class<T> type) {
        return decodeChecked(json, body, type, "JSON");
    }

    /** Decodes a YAML document as {@code type}. */
    public <T extends TypedObject> T decodeYaml(String text, Class<T> type) {
        return decodeChecked(yaml, text.getBytes(StandardCharsets.UTF_8), type, "YAML");
    }

    /** Decodes a JSON list of {@code itemType} ({@code PodList} for Pod). */
    public <T extends KubeObject> ObjectList<T> decodeList(byte[] body, Class<T> itemType) {
        JavaType t = json.getTypeFactory().constructParametricType(ObjectList.class, itemType);
        ObjectList<T> list = read(json, body, t, "JSON");
        GroupVersionKind item = expected(itemType);
        if (item != null) {
            checkKind(list, new GroupVersionKind(item.group(), item.version(), item.kind() + "List"));
        }
        return list;
    }

    /** Decodes a JSON object of whatever known kind it declares. */
    public TypedObject decodeAny(byte[] body) {
        return decodeAny(json, body, "JSON");
    }

    /** Decodes every document of a YAML stream ({@code ---} separated) by its declared kind; empty documents are skipped. */
    public List<TypedObject> decodeYamlDocuments(String text) {
        List<TypedObject> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isContainerNode() && doc.isEmpty())
                        || (doc.isTextual() && doc.asText().isBlank())) {
                    continue;
                }
                out.add(decodeAny(json, json.writeValueAsBytes(doc), "YAML"));
            }
        } catch (JsonProcessingException e) {
            throw DecodeErrors.from(e, "YAML");
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML documents", e);
        }
        return out;
    }

    /** Decodes one watch event line ({@code {"type":...,"object":...}}) of a watch on {@code type}. */
    public <T extends KubeObject> WatchEvent<T> decodeWatchEvent(byte[] line, Class<T> type) {
        return decodeWatchEvent(line, 0, line.length, type);
    }

    /** As {@link #decodeWatchEvent(byte[], Class)} for the line at {@code bytes[offset, offset + length)}. */
    public <T extends KubeObject> WatchEvent<T> decodeWatchEvent(byte[] bytes, int offset, int length, Class<T> type) {
        WatchEvent<T> streamed = streamedChange(bytes, offset, length, type);
        if (streamed != null) {
            return streamed;
        }
        byte[] line = offset == 0 && length == bytes.length ? bytes
                : Arrays.copyOfRange(bytes, offset, offset + length);
        JsonNode node = read(json, line, json.constructType(JsonNode.class), "JSON");
        String t = node.path("type").asText("");
        JsonNode object = node.get("object");
        if (object == null || !object.isObject()) {
            throw new DecodeException("object", "a watch event needs an object", -1, -1, null);
        }
        if (t.equals("ERROR")) {
            return new WatchEvent.Failure<>(fromTree(object, Status.class));
        }
        WatchEvent.Type changeType;
        try {
            changeType = WatchEvent.Type.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("type", "unknown watch event type \"" + t + "\"", -1, -1, e);
        }
        return new WatchEvent.Change<>(changeType, checkKind(fromTree(object, type), expected(type)));
    }

    /**
     * The common event, as Keel's and Kubernetes' apiservers write it ({@code {"type":"MODIFIED","object":{...}}}),
     * bound in one pass without building a tree (the watch streams of informers decode every change); null for
     * anything else, errors included, which the tree path then decodes and reports.
     */
    <T extends KubeObject> WatchEvent<T> streamedChange(byte[] line, int offset, int length, Class<T> type) {
        try (JsonParser p = json.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"type".equals(p.currentName())) {
                return null;
            }
            WatchEvent.Type changeType = switch (String.valueOf(p.nextTextValue())) {
                case "ADDED" -> WatchEvent.Type.ADDED;
                case "MODIFIED" -> WatchEvent.Type.MODIFIED;
                case "DELETED" -> WatchEvent.Type.DELETED;
                case "BOOKMARK" -> WatchEvent.Type.BOOKMARK;
                default -> null;
            };
            if (changeType == null || p.nextToken() != JsonToken.FIELD_NAME || !"object".equals(p.currentName())
                    || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectReader reader = embeddedByType.get(type);
            if (reader == null) {
                reader = embeddedByType.computeIfAbsent(type, embedded::forType);
            }
            T object = reader.readValue(p);
            if (object == null || p.nextToken() != JsonToken.END_OBJECT) {
                return null;
            }
            return new WatchEvent.Change<>(changeType, checkKind(object, expected(type)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Binds a tree (e.g. the result of a patch) to {@code type}, checking its kind. */
    public <T> T fromTree(JsonNode tree, Class<T> type) {
        T value;
        try {
            value = json.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw DecodeErrors.from(e, "JSON");
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
        if (value == null) {
            throw new DecodeException("the document is null");
        }
        if (value instanceof TypedObject o) {
            checkKind(o, expected(type));
        }
        return value;
    }

    /** The JSON tree of {@code value}, as {@link #encode} would write it. */
    public ObjectNode toTree(Object value) {
        return json.valueToTree(value);
    }

    /** Writes {@code value} as compact JSON. */
    public byte[] encode(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code value} as a YAML document (no leading {@code ---}). */
    public String encodeYaml(Object value) {
        try {
            return yaml.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes one watch event as a JSON object, without the trailing newline the stream adds. */
    public byte[] encodeWatchEvent(WatchEvent<?> event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", event.type());
        m.put("object", event instanceof WatchEvent.Change<?> c ? c.object() : ((WatchEvent.Failure<?>) event).status());
        return encode(m);
    }

    private TypedObject decodeAny(ObjectMapper mapper, byte[] body, String format) {
        JsonNode node = read(mapper, body, mapper.constructType(JsonNode.class), format);
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new DecodeException(kind.isEmpty() ? "kind" : "apiVersion", "Object 'Kind' or 'apiVersion' is missing",
                    -1, -1, null);
        }
        Class<?> type = Kinds.classOf(apiVersion, kind).orElseThrow(() -> new DecodeException("kind",
                "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\"", -1, -1, null));
        return (TypedObject) read(mapper, body, mapper.constructType(type), format);
    }

    private static <T> T read(ObjectMapper mapper, byte[] body, JavaType type, String format) {
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw DecodeErrors.from(e, format);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory body", e);
        }
        if (value == null) {
            throw new DecodeException("the document is null");
        }
        return value;
    }

    /**
     * Reads and checks the kind. When binding fails, a kind mismatch is reported instead of the binding error,
     * since a Deployment sent to the pods endpoint is better described as the wrong kind than as a bad field.
     */
    private static <T extends TypedObject> T decodeChecked(ObjectMapper mapper, byte[] body, Class<T> type,
                                                           String format) {
        GroupVersionKind expected = expected(type);
        T value;
        try {
            value = read(mapper, body, mapper.constructType(type), format);
        } catch (DecodeException e) {
            if (expected != null) {
                declaredKind(mapper, body).ifPresent(declared -> checkKind(declared, expected));
            }
            throw e;
        }
        return checkKind(value, expected);
    }

    /** The apiVersion and kind a body declares, if it parses as an object that declares both. */
    private static Optional<TypedObject> declaredKind(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.path("apiVersion").isTextual() || !node.path("kind").isTextual()) {
                return Optional.empty();
            }
            String apiVersion = node.get("apiVersion").asText();
            String kind = node.get("kind").asText();
            return Optional.of(new TypedObject() {
                @Override
                public String apiVersion() {
                    return apiVersion;
                }

                @Override
                public String kind() {
                    return kind;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static GroupVersionKind expected(Class<?> type) {
        return Kinds.gvkOf(type).orElse(null);
    }

    private static <T extends TypedObject> T checkKind(T value, GroupVersionKind expected) {
        if (expected == null) {
            return value;
        }
        if (!expected.apiVersion().equals(value.apiVersion())) {
            throw new DecodeException("apiVersion", "the API version in the data (" + value.apiVersion()
                    + ") does not match the expected API version (" + expected.apiVersion() + ")", -1, -1, null);
        }
        if (!expected.kind().equals(value.kind())) {
            throw new DecodeException("kind", "the kind in the data (" + value.kind()
                    + ") does not match the expected kind (" + expected.kind() + ")", -1, -1, null);
        }
        return value;
    }
}
