package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.Event;
import dev.keel.api.core.Pod;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.selector.ObjectFields;
import dev.keel.apiserver.registry.ObjectTrees;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whatever the stored form, the cached JSON is the stored object plus its resourceVersion, and the labels,
     * fields, namespace and name read from its parts are those of the whole tree.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a','namespace':'ns'},'spec':{'nodeName':'n'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{},'spec':{}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':  { 'name':'a','namespace':'ns'} }",
            "{'spec':{'metadata':{'x':1},'nodeName':'n'},'list':[{'metadata':{}}],'metadata':{'name':'a'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a','resourceVersion':'3'}}",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a'},\n'spec':{}}",
            "{'apiVersion':'v1','kind':'Pod'}",
            "{'apiVersion':'v1','kind':'Pod','metadata':null}",
            "{'kind':'Pod','metadata':{'name':'p','namespace':'ns','labels':{'app':'web','tier':'1'},"
                    + "'annotations':{'a':'{}'},'managedFields':[{'manager':'m'}],'deletionTimestamp':'2026-01-01T00:00:00Z'},"
                    + "'spec':{'containers':[{'name':'c','ports':[{'containerPort':80}]}],'nodeName':'n1',"
                    + "'schedulerName':'s','priority':12,'x':1.5,'big':123456789012345678901234567890},"
                    + "'status':{'phase':'Running','podIP':'10.0.0.1','conditions':[{'type':'Ready'}]}}",
            "{'kind':'Pod','metadata':{'name':'p','labels':{'n':1,'b':true}},'spec':{'nodeName':7},'status':{}}"})
    void theCachedJsonIsTheStoredObjectWithItsResourceVersion(String stored) throws Exception {
        CachedObject o = new ObjectDecoder(new KubeCodec()).decode(Kinds.PODS, "/registry/pods/ns/a", bytes(stored), 42);
        ObjectNode expected = ObjectTrees.withResourceVersion((ObjectNode) JSON.readTree(bytes(stored)), 42);
        JsonNode cached = JSON.readTree(o.json());
        assertTrue(ObjectTrees.sameValue(expected, cached), cached.toString());
        assertFalse(new String(o.json(), StandardCharsets.UTF_8).contains("\n"), "a watch event is one line");
        assertEquals(ObjectFields.of(Pod.class, expected), o.fields());
        assertEquals(ObjectTrees.labels(expected), o.labels());
        assertEquals(ObjectTrees.name(expected), o.name());
        assertEquals(ObjectTrees.namespace(expected), o.namespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'kind':'Event','metadata':{'name':'e','namespace':'ns'},'involvedObject':{'kind':'Pod','name':'p',"
                    + "'uid':'u','fieldPath':'spec.containers{c}'},'reason':'Pulled','type':'Normal',"
                    + "'source':{'component':'kubelet','host':'n1'},'reportingComponent':'kubelet','count':3}",
            "{'kind':'Event','metadata':{'name':'e'},'involvedObject':null,'source':'x'}"})
    void eventFieldsAreReadFromTheirParts(String stored) throws Exception {
        CachedObject o = new ObjectDecoder(new KubeCodec()).decode(Kinds.EVENTS, "/registry/events/ns/e", bytes(stored), 5);
        assertEquals(ObjectFields.of(Event.class, JSON.readTree(bytes(stored))), o.fields());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{'metadata':{}", "{} {}", "nope"})
    void bytesThatAreNotOneJsonObjectAreRefused(String stored) {
        assertThrows(IllegalStateException.class,
                () -> new ObjectDecoder(new KubeCodec()).decode(Kinds.PODS, "/registry/pods/ns/a", bytes(stored), 1));
    }

    @Test
    void aTreeIsTheCallersOwn() {
        ObjectDecoder decoder = new ObjectDecoder(new KubeCodec());
        CachedObject o = decoder.decode(Kinds.PODS, "/registry/pods/ns/a",
                bytes("{'kind':'Pod','metadata':{'name':'a'}}"), 3);
        ObjectNode tree = decoder.tree(o);
        tree.put("kind", "Changed");
        assertEquals("Pod", decoder.tree(o).path("kind").asText());
        assertEquals("3", decoder.tree(o).path("metadata").path("resourceVersion").asText());
    }
}
