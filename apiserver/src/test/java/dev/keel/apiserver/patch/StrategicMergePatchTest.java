package dev.keel.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Strategic merge patch, one row per rule: original, patch, expected (single quotes stand for double quotes). */
class StrategicMergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("containers merge by name",
                        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'}]}}",
                        "{'spec':{'containers':[{'name':'b','image':'z'}]}}",
                        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'z'}]}}"),
                arguments("a new container is appended",
                        "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'c','image':'i'}]}}",
                        "{'spec':{'containers':[{'name':'a'},{'name':'c','image':'i'}]}}"),
                arguments("$patch delete removes a keyed element",
                        "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                        "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}",
                        "{'spec':{'containers':[{'name':'b'}]}}"),
                arguments("$setElementOrder orders the merged list",
                        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b'}]}}",
                        "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'a','image':'y'}]}}",
                        "{'spec':{'containers':[{'name':'b'},{'name':'a','image':'y'}]}}"),
                arguments("container ports merge by containerPort, null deletes a field",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':null,'hostPort':8080}]}]}}",
                        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'hostPort':8080},{'containerPort':443}]}]}}"),
                arguments("service ports merge by port",
                        "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':443}]}}"),
                arguments("env merges by name inside a template",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'}]}]}}}}",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'}]}]}}}}"),
                arguments("a list without a strategy is replaced",
                        "{'spec':{'containers':[{'name':'a','args':['1','2']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['3']}]}}",
                        "{'spec':{'containers':[{'name':'a','args':['3']}]}}"),
                arguments("$retainKeys clears the other keys",
                        "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'type':'Recreate'}}}"),
                arguments("null deletes a map",
                        "{'metadata':{'labels':{'a':'1'},'name':'n'}}",
                        "{'metadata':{'labels':null}}",
                        "{'metadata':{'name':'n'}}"),
                arguments("$patch replace replaces a map",
                        "{'spec':{'selector':{'a':'1','b':'2'}}}",
                        "{'spec':{'selector':{'$patch':'replace','c':'3'}}}",
                        "{'spec':{'selector':{'c':'3'}}}"),
                arguments("finalizers merge as a set",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','c']}}",
                        "{'metadata':{'finalizers':['a','b','c']}}"),
                arguments("$deleteFromPrimitiveList takes values out",
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}",
                        "{'metadata':{'finalizers':['b']}}"),
                arguments("conditions merge by type",
                        "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'Scheduled','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'Scheduled','status':'True'}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void applies(String name, String original, String patch, String expected) throws Exception {
        ObjectNode result = StrategicMergePatch.apply((ObjectNode) tree(original), tree(patch));
        assertEquals(tree(expected), result);
    }

    static JsonNode tree(String singleQuoted) throws Exception {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
