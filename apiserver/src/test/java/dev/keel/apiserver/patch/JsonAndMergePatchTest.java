package dev.keel.apiserver.patch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.keel.apiserver.patch.StrategicMergePatchTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6902 and RFC 7386 examples (single quotes stand for double quotes). */
class JsonAndMergePatchTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "add to an object | {'a':1} | [{'op':'add','path':'/b','value':2}] | {'a':1,'b':2}",
            "add into an array | {'a':[1,3]} | [{'op':'add','path':'/a/1','value':2}] | {'a':[1,2,3]}",
            "append with - | {'a':[1]} | [{'op':'add','path':'/a/-','value':2}] | {'a':[1,2]}",
            "remove | {'a':1,'b':2} | [{'op':'remove','path':'/b'}] | {'a':1}",
            "replace | {'a':{'b':1}} | [{'op':'replace','path':'/a/b','value':3}] | {'a':{'b':3}}",
            "move | {'a':1} | [{'op':'move','from':'/a','path':'/b'}] | {'b':1}",
            "copy | {'a':[1]} | [{'op':'copy','from':'/a','path':'/b'}] | {'a':[1],'b':[1]}",
            "escaped pointer | {'a/b':1,'m~n':2} | [{'op':'remove','path':'/a~1b'},{'op':'remove','path':'/m~0n'}] | {}",
            "test then replace | {'a':1} | [{'op':'test','path':'/a','value':1},{'op':'replace','path':'/a','value':2}] | {'a':2}"})
    void jsonPatch(String name, String doc, String patch, String expected) throws Exception {
        assertEquals(tree(expected), JsonPatch.apply(tree(doc), tree(patch)));
    }

    @Test
    void jsonPatchFailuresNameTheOperation() throws Exception {
        PatchException missing = assertThrows(PatchException.class,
                () -> JsonPatch.apply(tree("{'a':1}"), tree("[{'op':'remove','path':'/x'}]")));
        assertTrue(missing.getMessage().contains("operation 0 (remove)"), missing.getMessage());
        PatchException test = assertThrows(PatchException.class,
                () -> JsonPatch.apply(tree("{'a':1}"), tree("[{'op':'test','path':'/a','value':2}]")));
        assertTrue(test.conflict());
        assertThrows(PatchException.class, () -> JsonPatch.apply(tree("{'a':[1]}"),
                tree("[{'op':'add','path':'/a/5','value':2}]")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "merge nested | {'a':{'b':1,'c':2}} | {'a':{'c':3}} | {'a':{'b':1,'c':3}}",
            "null deletes | {'a':1,'b':2} | {'b':null} | {'a':1}",
            "arrays replace | {'a':[1,2]} | {'a':[3]} | {'a':[3]}",
            "object replaces scalar | {'a':1} | {'a':{'b':null,'c':1}} | {'a':{'c':1}}"})
    void mergePatch(String name, String doc, String patch, String expected) throws Exception {
        assertEquals(tree(expected), MergePatch.apply(tree(doc), tree(patch)));
    }
}
