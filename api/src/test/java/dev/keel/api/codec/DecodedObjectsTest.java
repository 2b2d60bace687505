package dev.keel.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the decoding shortcuts must not change: records own their unknown fields whoever made them, repeated strings
 * and timestamps read and write as they are.
 */
class DecodedObjectsTest {
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"n","managedFields":[{"manager":"m",\
            "operation":"Update"}],"selfLink":"/x","zeta":1,"alpha":{"b":[1,2]}},"spec":{"containers":[{"name":"c",\
            "image":"i","volumeMounts":[{"name":"v"}]}],"volumes":[{"name":"v"}]},"futureTopLevel":{"n":2.50}}""";

    private final KubeCodec codec = new KubeCodec();

    @Test
    void decodedUnknownFieldsAreReadOnlyAndKeptInTheOrderWrittenBefore() {
        Pod pod = codec.decode(bytes(POD), Pod.class);
        Map<String, JsonNode> unknown = pod.metadata().unknownFields();
        assertThrows(UnsupportedOperationException.class, () -> unknown.put("x", unknown.get("zeta")));
        assertThrows(UnsupportedOperationException.class, () -> unknown.remove("zeta"));
        // a caller's map is copied in its iteration order, so a record made from the decoded one writes the same
        ObjectMeta copied = pod.metadata().toBuilder().unknownFields(new java.util.HashMap<>(unknown)).build();
        assertEquals(new ArrayList<>(unknown.keySet()), new ArrayList<>(copied.unknownFields().keySet()));
        assertEquals(new String(codec.encode(pod)), new String(codec.encode(pod.withMetadata(copied))));
    }

    @Test
    void aTreeACallerPassesIsCopied() {
        ObjectNode tree = codec.jsonMapper().createObjectNode().put("k", "v");
        ObjectMeta meta = ObjectMeta.builder().name("a").unknownFields(Map.of("x", tree)).build();
        tree.put("k", "changed");
        assertEquals("v", meta.unknownFields().get("x").get("k").asText());
    }

    @Test
    void aBoundTreeSharesNothingWithTheRecord() throws Exception {
        ObjectNode tree = (ObjectNode) codec.jsonMapper().readTree(POD);
        ObjectNode inner = codec.jsonMapper().createObjectNode().put("k", "v");
        ((ObjectNode) tree.get("metadata")).set("embedded", new POJONode(inner)); // handed out as it is by Jackson
        Pod pod = codec.fromTree(tree, Pod.class);
        ((ObjectNode) tree.at("/metadata/managedFields/0")).put("manager", "changed");
        ((ArrayNode) tree.at("/metadata/alpha/b")).add(3);
        inner.put("k", "changed");
        assertEquals("m", pod.metadata().unknownFields().get("managedFields").get(0).get("manager").asText());
        assertEquals(2, pod.metadata().unknownFields().get("alpha").get("b").size());
        assertEquals("v", pod.metadata().unknownFields().get("embedded").get("k").asText());
    }

    @Test
    void repeatedStringsAreSharedAndStringsInOneSlotStayApart() {
        SharedStrings strings = new SharedStrings();
        char[] text = "xxnode-17xx".toCharArray();
        String first = strings.shared(text, 2, 7);
        assertEquals("node-17", first);
        assertSame(first, strings.shared("node-17".toCharArray(), 0, 7));
        // same length, first character and last twelve: one slot, two strings
        String tail = "abcdefghijkl";
        List<String> texts = List.of("a1" + tail, "a2" + tail, "a3" + tail);
        for (int round = 0; round < 2; round++) {
            for (String t : texts) {
                assertEquals(t, strings.shared(t.toCharArray(), 0, t.length()));
            }
        }
        String longer = "y".repeat(SharedStrings.MAX_LENGTH + 1);
        assertEquals(longer, strings.shared(longer.toCharArray(), 0, longer.length()));
        assertEquals("", strings.shared(new char[0], 0, 0));
    }

    @Test
    void decodedStringsAreTheDocumentsEvenWhenTheySharePartsOfTheirHash() {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"").append(value(i)).append('"');
        }
        String json = "{\"metadata\":{\"name\":\"a\",\"labels\":{" + labels + "}}}";
        for (int round = 0; round < 2; round++) {
            Pod pod = codec.decode(bytes(json), Pod.class);
            for (int i = 0; i < 50; i++) {
                assertEquals(value(i), pod.metadata().labels().get("l" + i));
            }
        }
        Pod a = codec.decode(bytes(json), Pod.class);
        Pod b = codec.decode(bytes(json), Pod.class);
        assertSame(a.metadata().name(), b.metadata().name(), "a short string read again is the one made before");
        assertNotSame(a, b);
    }

    @Test
    void timestampsOfOneSlotAndOneSecondAreWrittenEachAsItself() {
        Instant t = Instant.parse("2026-11-26T12:00:00Z");
        List<Instant> times = List.of(t, t.plusSeconds(16), t.plusMillis(5), t.plusNanos(7), t, t.plusSeconds(16 * 1024));
        for (Instant time : times) {
            Pod pod = Pod.of(ObjectMeta.builder().name("a").creationTimestamp(time).build(), null);
            String written = new String(codec.encode(pod), StandardCharsets.UTF_8);
            assertEquals(true, written.contains("\"creationTimestamp\":\"" + time + "\""), written);
            assertEquals(time, codec.decode(bytes(written), Pod.class).metadata().creationTimestamp());
        }
    }

    /** Fifty values of one length, first character and tail. */
    private static String value(int i) {
        return "v" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "-same-tail-xyz";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
