package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.Kinds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ObjectDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /** Whatever the stored form, the cached JSON is the cached tree: the stored object plus its resourceVersion. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a','namespace':'ns'},'spec':{'nodeName':'n'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{},'spec':{}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':  { 'name':'a','namespace':'ns'} }",
            "{'spec':{'metadata':{'x':1},'nodeName':'n'},'list':[{'metadata':{}}],'metadata':{'name':'a'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a','resourceVersion':'3'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a'},\n'spec':{}}",
            "{'apiVersion':'v1','kind':'Pod'}",
            "{'apiVersion':'v1','kind':'Pod','metadata':null}"})
    void theCachedJsonIsTheTreeWithItsResourceVersion(String stored) throws Exception {
        CachedObject o = new ObjectDecoder(new KubeCodec()).decode(Kinds.PODS, "/registry/pods/ns/a", bytes(stored), 42);
        JsonNode cached = JSON.readTree(o.json());
        assertEquals(o.tree(), cached);
        assertEquals("42", cached.path("metadata").path("resourceVersion").asText());
        assertFalse(new String(o.json(), StandardCharsets.UTF_8).contains("\n"), "a watch event is one line");
    }
}
