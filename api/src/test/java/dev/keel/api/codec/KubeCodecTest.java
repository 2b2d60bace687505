package dev.keel.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.Scale;
import dev.keel.api.coordination.Lease;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Event;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.ListMeta;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.Status;
import dev.keel.api.meta.StatusCause;
import dev.keel.api.meta.StatusDetails;
import dev.keel.api.meta.TypedObject;
import dev.keel.api.meta.WatchEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeCodecTest {
    private final KubeCodec codec = new KubeCodec();
    private final ObjectMapper plain = new ObjectMapper();

    /** Documents as a newer client might write them: every modelled field plus fields Keel does not know. */
    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("pod with probes, resources, affinity and unknown fields", Pod.class, """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default",
                         "uid":"u1","resourceVersion":"42","generation":3,"creationTimestamp":"2024-01-02T03:04:05Z",
                         "labels":{"app":"web","empty":""},"annotations":{"a/b":"c"},
                         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"r1",
                           "controller":true,"blockOwnerDeletion":true}],
                         "finalizers":["keel.dev/x"],"managedFields":[{"manager":"kubectl","fieldsV1":{"f:a":{}}}]},
                         "spec":{"initContainers":[{"name":"init","image":"busybox","command":["sh","-c","true"]}],
                          "containers":[{"name":"c","image":"nginx:1.27","args":["-g"],"workingDir":"/w",
                           "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"x"}}}],
                           "ports":[{"name":"http","containerPort":80,"protocol":"TCP","hostPort":8080}],
                           "resources":{"requests":{"cpu":"500m","memory":"128Mi"},"limits":{"cpu":"1","memory":"1Gi"}},
                           "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},
                             "initialDelaySeconds":1,"periodSeconds":2,"timeoutSeconds":3,"failureThreshold":4},
                           "readinessProbe":{"tcpSocket":{"port":80}},"startupProbe":{"exec":{"command":["true"]}},
                           "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
                          "restartPolicy":"Always","nodeName":"n1","nodeSelector":{"disk":"ssd"},
                          "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":
                            {"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]},
                            "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":5,
                              "preference":{"matchExpressions":[{"key":"gpu","operator":"Exists"}]}}]},
                            "podAntiAffinity":{"x":1}},
                          "tolerations":[{"key":"k","operator":"Equal","value":"v","effect":"NoExecute","tolerationSeconds":30}],
                          "schedulerName":"default-scheduler","priority":10,"terminationGracePeriodSeconds":30,
                          "hostNetwork":true,"volumes":[{"name":"data","emptyDir":{}}]},
                         "status":{"phase":"Running","podIP":"10.0.0.1","hostIP":"127.0.0.1",
                          "startTime":"2024-01-02T03:04:06Z",
                          "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2024-01-02T03:04:07Z"}],
                          "containerStatuses":[{"name":"c","ready":true,"restartCount":2,
                            "state":{"running":{"startedAt":"2024-01-02T03:04:08Z"}},
                            "lastState":{"terminated":{"exitCode":1,"reason":"Error"}}}]},
                         "futureTopLevel":{"n":2.50,"list":[1,"x",null,true]}}
                        """),
                Arguments.of("node with capacity, taints and kubelet endpoint", Node.class, """
                        {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
                         "spec":{"unschedulable":true,"taints":[{"key":"k","value":"v","effect":"NoSchedule"}]},
                         "status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},
                          "allocatable":{"cpu":"3500m","memory":"7Gi"},
                          "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2024-01-02T03:04:05Z"}],
                          "addresses":[{"type":"InternalIP","address":"127.0.0.1"}],
                          "daemonEndpoints":{"kubeletEndpoint":{"Port":7250}},"nodeInfo":{"osImage":"x"}}}
                        """),
                Arguments.of("service with named target port", Service.class, """
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
                         "spec":{"selector":{"app":"web"},"type":"NodePort","clusterIP":"10.96.0.10",
                          "ports":[{"name":"http","port":80,"targetPort":"http","nodePort":30080,"protocol":"TCP"},
                                   {"name":"m","port":9090,"targetPort":9091}],"ipFamilies":["IPv4"]},
                         "status":{"loadBalancer":{}}}
                        """),
                Arguments.of("endpoints", Endpoints.class, """
                        {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web","namespace":"default"},
                         "subsets":[{"addresses":[{"ip":"10.0.0.1","nodeName":"n1",
                           "targetRef":{"kind":"Pod","namespace":"default","name":"web-1","uid":"u1"}}],
                          "notReadyAddresses":[{"ip":"10.0.0.2"}],"ports":[{"name":"http","port":80,"protocol":"TCP"}]}]}
                        """),
                Arguments.of("deployment with percent and int rolling update", Deployment.class, """
                        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","generation":2},
                         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"},
                           "matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
                          "template":{"metadata":{"labels":{"app":"web","tier":"a"}},
                           "spec":{"containers":[{"name":"c","image":"nginx"}]}},
                          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
                          "minReadySeconds":5,"revisionHistoryLimit":10,"paused":false,"progressDeadlineSeconds":600},
                         "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":2,
                          "availableReplicas":2,"unavailableReplicas":1,
                          "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2024-01-02T03:04:05Z",
                            "reason":"MinimumReplicasAvailable","message":"ok"}]}}
                        """),
                Arguments.of("replicaset", ReplicaSet.class, """
                        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-abc","namespace":"default"},
                         "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"i"}]}}},
                         "status":{"replicas":0,"fullyLabeledReplicas":0,"observedGeneration":1}}
                        """),
                Arguments.of("lease", Lease.class, """
                        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
                         "metadata":{"name":"n1","namespace":"kube-node-lease"},
                         "spec":{"holderIdentity":"n1","leaseDurationSeconds":40,
                          "renewTime":"2024-01-02T03:04:05.123456Z","leaseTransitions":1}}
                        """),
                Arguments.of("event", Event.class, """
                        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},
                         "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"u1"},
                         "reason":"Scheduled","message":"assigned","source":{"component":"scheduler"},
                         "firstTimestamp":"2024-01-02T03:04:05Z","count":1,"type":"Normal"}
                        """),
                Arguments.of("namespace", Namespace.class, """
                        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bars"},
                         "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
                        """),
                Arguments.of("binding", Binding.class, """
                        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"web-1","namespace":"default"},
                         "target":{"apiVersion":"v1","kind":"Node","name":"n1"}}
                        """),
                Arguments.of("scale", Scale.class, """
                        {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},
                         "spec":{"replicas":3},"status":{"replicas":2,"selector":"app=web"}}
                        """),
                Arguments.of("status with causes", Status.class, """
                        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"invalid",
                         "reason":"Invalid","details":{"name":"x","kind":"pods",
                          "causes":[{"reason":"FieldValueInvalid","message":"Invalid value","field":"metadata.name"}]},
                         "code":422}
                        """));
    }

    @ParameterizedTest(name = "{0}: JSON round trip keeps every field")
    @MethodSource("documents")
    void jsonRoundTripKeepsEveryField(String name, Class<? extends TypedObject> type, String json) throws Exception {
        TypedObject decoded = codec.decode(bytes(json), type);
        JsonNode written = plain.readTree(codec.encode(decoded));
        assertEquals(plain.readTree(json), written);
        assertEquals(decoded, codec.decode(codec.encode(decoded), type), "decode(encode(x)) == x");
    }

    @ParameterizedTest(name = "{0}: YAML round trip keeps every field")
    @MethodSource("documents")
    void yamlRoundTripKeepsEveryField(String name, Class<? extends TypedObject> type, String json) throws Exception {
        TypedObject decoded = codec.decode(bytes(json), type);
        String yaml = codec.encodeYaml(decoded);
        TypedObject fromYaml = codec.decodeYaml(yaml, type);
        assertEquals(plain.readTree(json), plain.readTree(codec.encode(fromYaml)), yaml);
    }

    @Test
    void unknownFieldsAreKeptInTheirPlace() {
        Pod pod = codec.decode(bytes(documents().findFirst().orElseThrow().get()[2].toString()), Pod.class);
        assertTrue(pod.unknownFields().containsKey("futureTopLevel"));
        assertTrue(pod.metadata().unknownFields().containsKey("managedFields"));
        assertTrue(pod.spec().unknownFields().containsKey("volumes"));
        assertTrue(pod.spec().containers().get(0).unknownFields().containsKey("volumeMounts"));
        assertTrue(pod.spec().containers().get(0).env().get(1).unknownFields().containsKey("valueFrom"));
        assertTrue(pod.spec().affinity().unknownFields().containsKey("podAntiAffinity"));
        assertEquals("2.50", pod.unknownFields().get("futureTopLevel").get("n").asText(), "decimal kept exactly");
    }

    @Test
    void quantitiesAndIntOrStringsAreTyped() {
        Pod pod = codec.decode(bytes(documents().findFirst().orElseThrow().get()[2].toString()), Pod.class);
        var res = pod.spec().containers().get(0).resources();
        assertEquals(500, res.requests().get("cpu").milliValueCeil());
        assertEquals(128L << 20, res.requests().get("memory").longValueCeil());
        assertEquals(IntOrString.of("http"), pod.spec().containers().get(0).livenessProbe().httpGet().port());
        assertEquals(IntOrString.of(80), pod.spec().containers().get(0).readinessProbe().tcpSocket().port());
    }

    @Test
    void quantitiesAreWrittenInCanonicalFormAndAcceptedAsNumbers() {
        String json = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i",
                 "resources":{"requests":{"cpu":0.5,"memory":"1.5Gi","x":1000}}}]}}""";
        String out = new String(codec.encode(codec.decode(bytes(json), Pod.class)), StandardCharsets.UTF_8);
        assertTrue(out.contains("\"requests\":{\"cpu\":\"500m\",\"memory\":\"1536Mi\",\"x\":\"1k\"}"), out);
    }

    @Test
    void emptyValuesAreOmittedButObjectsAndEmptyLabelValuesStay() {
        Pod pod = Pod.of(ObjectMeta.builder().name("p").labels(java.util.Map.of("a", "")).build(),
                dev.keel.api.core.PodSpec.builder().containers(List.of(dev.keel.api.core.Container.of("c", "i"))).build());
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":\"\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]},\"status\":{}}",
                new String(codec.encode(pod), StandardCharsets.UTF_8));
    }

    @Test
    void kindAndApiVersionDefaultFromTheExpectedTypeWhenAbsent() {
        Pod pod = codec.decode(bytes("{\"metadata\":{\"name\":\"p\"}}"), Pod.class);
        assertEquals("v1", pod.apiVersion());
        assertEquals("Pod", pod.kind());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("syntax error names line and column", Pod.class,
                        "{\"kind\":\"Pod\",\n \"metadata\": {\"name\": }}", "metadata", 2, "malformed JSON"),
                Arguments.of("trailing garbage", Pod.class, "{\"kind\":\"Pod\"} x", "", 1, "malformed JSON"),
                Arguments.of("empty body", Pod.class, "", "", -2, "empty body"),
                Arguments.of("string where an integer belongs", Pod.class,
                        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":\"eighty\"}]}]}}",
                        "spec.containers[0].ports[0].containerPort", 1, "expected an integer"),
                Arguments.of("object where a list belongs", Pod.class, "{\"spec\":{\"containers\":{}}}",
                        "spec.containers", 1, "expected an array"),
                Arguments.of("invalid quantity names the resource", Pod.class,
                        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{\"limits\":{\"cpu\":\"12xyz\"}}}]}}",
                        "spec.containers[0].resources.limits.cpu", 1, "quantity \"12xyz\" is invalid"),
                Arguments.of("bad timestamp", Pod.class, "{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}",
                        "metadata.creationTimestamp", 1, "RFC 3339"),
                Arguments.of("wrong kind for the type", Pod.class, "{\"apiVersion\":\"v1\",\"kind\":\"Service\"}",
                        "kind", -1, "the kind in the data (Service) does not match the expected kind (Pod)"),
                Arguments.of("wrong apiVersion for the type", Deployment.class,
                        "{\"apiVersion\":\"apps/v1beta1\",\"kind\":\"Deployment\"}", "apiVersion", -1,
                        "does not match the expected API version (apps/v1)"),
                Arguments.of("wrong kind wins over a field error", Pod.class,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"containers\":5}}", "apiVersion",
                        -1, "the API version in the data (apps/v1)"),
                Arguments.of("null inside a list", Pod.class, "{\"metadata\":{\"finalizers\":[null]}}", "metadata", 1,
                        "null element at index 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsADecodeExceptionNamingTheField(String name, Class<? extends TypedObject> type, String body,
                                                  String field, int line, String reasonPart) {
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decode(bytes(body), type));
        assertEquals(field, e.field(), e.getMessage());
        if (line != -2) {
            assertEquals(line, e.line(), e.getMessage());
        }
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void yamlErrorsCarryTheYamlLine() {
        String yaml = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      ports:\n        - containerPort: x\n";
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decodeYaml(yaml, Pod.class));
        assertEquals("spec.containers[0].ports[0].containerPort", e.field());
        assertEquals(7, e.line());
    }

    @Test
    void multiDocumentYamlDecodesEachKind() {
        String yaml = """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: bars
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                ---
                """;
        List<TypedObject> docs = codec.decodeYamlDocuments(yaml);
        assertEquals(2, docs.size());
        assertInstanceOf(Namespace.class, docs.get(0));
        assertEquals(2, ((Deployment) docs.get(1)).spec().replicas());
        DecodeException e = assertThrows(DecodeException.class,
                () -> codec.decodeYamlDocuments("apiVersion: v1\nkind: Widget\n"));
        assertTrue(e.getMessage().contains("Widget"), e.getMessage());
    }

    @Test
    void listsCarryTheirResourceVersionAndContinueToken() {
        ObjectList<Pod> list = ObjectList.of(Pod.GVK, ListMeta.of("17", "tok"), List.of(Pod.of(ObjectMeta.of("d", "a"), null)));
        byte[] json = codec.encode(list);
        assertTrue(new String(json, StandardCharsets.UTF_8).startsWith(
                "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"17\",\"continue\":\"tok\"}"));
        assertEquals(list, codec.decodeList(json, Pod.class));
        assertThrows(DecodeException.class, () -> codec.decodeList(bytes("{\"kind\":\"NodeList\",\"apiVersion\":\"v1\"}"), Pod.class));
    }

    @Test
    void watchEventsRoundTrip() {
        Pod pod = Pod.of(ObjectMeta.builder().namespace("d").name("a").resourceVersion("5").build(), null);
        WatchEvent<Pod> added = new WatchEvent.Change<>(WatchEvent.Type.ADDED, pod);
        byte[] line = codec.encodeWatchEvent(added);
        assertTrue(new String(line, StandardCharsets.UTF_8).startsWith("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\""));
        assertEquals(added, codec.decodeWatchEvent(line, Pod.class));
        assertEquals(added, codec.streamedChange(line, 0, line.length, Pod.class), "bound in one pass, without a tree");

        String object = new String(codec.encode(pod), StandardCharsets.UTF_8);
        assertEquals(added, codec.decodeWatchEvent(bytes("{\"object\":" + object + ",\"type\":\"ADDED\"}"), Pod.class),
                "fields in any order");
        assertThrows(DecodeException.class, () -> codec.decodeWatchEvent(
                bytes("{\"type\":\"RENAMED\",\"object\":" + object + "}"), Pod.class));
        assertThrows(DecodeException.class, () -> codec.decodeWatchEvent(
                bytes("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Node\",\"apiVersion\":\"v1\"}}"), Pod.class));

        Status gone = Status.failure(410, "Expired", "too old resource version: 5 (10)", null);
        WatchEvent<Pod> error = codec.decodeWatchEvent(codec.encodeWatchEvent(new WatchEvent.Failure<Pod>(gone)), Pod.class);
        assertEquals(new WatchEvent.Failure<Pod>(gone), error);
    }

    @Test
    void statusAlwaysCarriesWhatKubectlNeeds() throws Exception {
        Status s = Status.failure(422, "Invalid", "Pod \"x\" is invalid",
                StatusDetails.of("", "pods", "x", List.of(StatusCause.of("FieldValueInvalid", "Invalid value: \"X\"", "metadata.name"))));
        JsonNode n = plain.readTree(codec.encode(s));
        assertEquals("Status", n.get("kind").asText());
        assertEquals("v1", n.get("apiVersion").asText());
        assertEquals("Failure", n.get("status").asText());
        assertTrue(n.get("metadata").isObject());
        assertEquals("metadata.name", n.get("details").get("causes").get(0).get("field").asText());
    }

    @Test
    void decodeAnyPicksTheClassFromTheDocument() {
        assertInstanceOf(Lease.class, codec.decodeAny(bytes("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\"}")));
        assertThrows(DecodeException.class, () -> codec.decodeAny(bytes("{\"metadata\":{}}")));
    }

    @Test
    void recordsAreImmutable() {
        Pod pod = codec.decode(bytes("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"), Pod.class);
        assertThrows(UnsupportedOperationException.class, () -> pod.metadata().labels().put("c", "d"));
        assertFalse(pod.metadata().labels().isEmpty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
