package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectTreesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void resourceVersionIsLeftOutOfTheComparisonAndLeftInPlace() throws Exception {
        ObjectNode stored = tree("{'metadata':{'name':'a','resourceVersion':'7'},'spec':{'n':1}}");
        ObjectNode admitted = tree("{'metadata':{'name':'a'},'spec':{'n':1}}");
        assertTrue(ObjectTrees.sameValueApartFromResourceVersion(admitted, stored));
        assertTrue(ObjectTrees.sameValueApartFromResourceVersion(stored, admitted));
        assertEquals("7", ObjectTrees.resourceVersion(stored), "the stored copy keeps its resourceVersion");
    }

    @Test
    void numbersCompareByValueAndEveryOtherDifferenceCounts() throws Exception {
        ObjectNode stored = tree("{'metadata':{'name':'a','resourceVersion':'7'},'spec':{'n':1}}");
        ObjectNode asLong = tree("{'metadata':{'name':'a'},'spec':{'n':1}}");
        ((ObjectNode) asLong.get("spec")).put("n", 1L);
        assertTrue(ObjectTrees.sameValueApartFromResourceVersion(asLong, stored));
        assertFalse(ObjectTrees.sameValueApartFromResourceVersion(
                tree("{'metadata':{'name':'a'},'spec':{'n':2}}"), stored));
        assertFalse(ObjectTrees.sameValueApartFromResourceVersion(
                tree("{'metadata':{'name':'a','labels':{'x':'y'}},'spec':{'n':1}}"), stored));
        assertFalse(ObjectTrees.sameValueApartFromResourceVersion(
                tree("{'metadata':{'name':'b'},'spec':{'n':1}}"), stored));
        assertFalse(ObjectTrees.sameValueApartFromResourceVersion(
                tree("{'metadata':{'name':'a'},'spec':{'n':1},'status':{}}"), stored));
        assertFalse(ObjectTrees.sameValueApartFromResourceVersion(tree("{'metadata':{'name':'a'}}"), stored));
    }
}
