package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.apiserver.Http;
import dev.keel.apiserver.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad requests over HTTPS, one table row each: the right status code and reason, a Kubernetes Status body whose
 * message (or causes) names the bad field, the server still healthy afterwards, and nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String ADMIN = "admin-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789";

    private TestCluster cluster;
    private Http admin;

    /** Who sends the request. */
    enum Caller { ADMIN, VIEWER, NO_TOKEN, WRONG_TOKEN }

    record Case(String name, Caller caller, String method, String path, String contentType, byte[] body, int code,
                String reason, String mentions, Optional<String> mustNotExist) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, ADMIN + ",admin,1,\"system:masters\"\n" + VIEWER + ",viewer,2,\"keel:read-only\"\n");
        cluster = TestCluster.start(dir, 1, c -> c.withTokenFile(tokens));
        admin = client(Optional.of(ADMIN));
        assertEquals(201, admin.post(PODS, pod("existing", "500m")).code());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Case> cases() {
        byte[] big = new byte[3 * 1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        return Stream.of(
                json("malformed JSON", "POST", PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"m1\"",
                        400, "BadRequest", "line 1", "m1"),
                new Case("malformed YAML", Caller.ADMIN, "POST", PODS, "application/yaml",
                        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: y1\n   bad: [\n".getBytes(StandardCharsets.UTF_8),
                        400, "BadRequest", "YAML", Optional.of("y1")),
                json("wrong kind for the path", "POST", PODS,
                        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"k1\"}}",
                        400, "BadRequest", "kind", "k1"),
                json("invalid name", "POST", PODS, pod("Bad_Name", "1"), 422, "Invalid", "metadata.name", "Bad_Name"),
                json("invalid quantity", "POST", PODS, pod("q1", "lots"), 400, "BadRequest",
                        "spec.containers[0].resources.limits.cpu", "q1"),
                json("port out of range", "POST", PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                                + "{\"name\":\"port1\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\","
                                + "\"ports\":[{\"containerPort\":70000}]}]}}", 422, "Invalid",
                        "spec.containers[0].ports[0].containerPort", "port1"),
                json("duplicate container names", "POST", PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                                + "{\"name\":\"dup1\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"},"
                                + "{\"name\":\"c\",\"image\":\"y\"}]}}", 422, "Invalid", "spec.containers[1].name", "dup1"),
                json("a number where a string belongs", "POST", PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                                + "\"metadata\":{\"name\":\"t1\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":[1]}]}}",
                        400, "BadRequest", "spec.containers[0].image", "t1"),
                json("body is not an object", "POST", PODS, "[1,2]", 400, "BadRequest", "object", null),
                json("namespace in the body differs from the URL", "POST", PODS, "{\"apiVersion\":\"v1\",\"kind\":"
                                + "\"Pod\",\"metadata\":{\"name\":\"ns1\",\"namespace\":\"other\"},\"spec\":"
                                + "{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}", 400, "BadRequest", "namespace",
                        "ns1"),
                json("create in a missing namespace", "POST", "/api/v1/namespaces/nowhere/pods", pod("m2", "1"), 404,
                        "NotFound", "namespaces \"nowhere\" not found", null),
                json("stale resourceVersion", "PUT", PODS + "/existing", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                                + "\"metadata\":{\"name\":\"existing\",\"resourceVersion\":\"1\"},\"spec\":{\"containers\":"
                                + "[{\"name\":\"c\",\"image\":\"changed\"}]}}", 409, "Conflict",
                        "the object has been modified", null),
                json("create an existing name", "POST", PODS, pod("existing", "2"), 409, "AlreadyExists",
                        "pods \"existing\" already exists", null),
                new Case("oversize body", Caller.ADMIN, "POST", PODS, "application/json", big, 413,
                        "RequestEntityTooLarge", "too large", Optional.empty()),
                json("unknown resource", "GET", "/api/v1/namespaces/default/gizmos", null, 404, "NotFound", "gizmos", null),
                json("unknown object", "GET", PODS + "/nope", null, 404, "NotFound", "pods \"nope\" not found", null),
                json("method not allowed", "PUT", PODS, pod("m3", "1"), 405, "MethodNotAllowed", "PUT", "m3"),
                new Case("unsupported media type", Caller.ADMIN, "POST", PODS, "text/csv",
                        "a,b".getBytes(StandardCharsets.UTF_8), 415, "UnsupportedMediaType", "text/csv", Optional.empty()),
                json("bad label selector", "GET", PODS + "?labelSelector=a%20in%20(", null, 400, "BadRequest", "", null),
                json("unsupported field selector", "GET", PODS + "?fieldSelector=spec.color%3Dred", null, 400,
                        "BadRequest", "spec.color", null),
                new Case("bad JSON patch operation", Caller.ADMIN, "PATCH", PODS + "/existing",
                        "application/json-patch+json", "[{\"op\":\"frobnicate\",\"path\":\"/spec\"}]"
                        .getBytes(StandardCharsets.UTF_8), 400, "BadRequest", "frobnicate", Optional.empty()),
                new Case("server-side apply", Caller.ADMIN, "PATCH", PODS + "/existing", "application/apply-patch+yaml",
                        "{}".getBytes(StandardCharsets.UTF_8), 415, "UnsupportedMediaType", "server-side apply",
                        Optional.empty()),
                new Case("protobuf of an undecoded kind", Caller.ADMIN, "POST", "/api/v1/namespaces/default/events",
                        "application/vnd.kubernetes.protobuf", protobuf("v1", "Event"), 415, "UnsupportedMediaType",
                        "Event", Optional.empty()),
                new Case("no token", Caller.NO_TOKEN, "POST", PODS, "application/json",
                        pod("a1", "1").getBytes(StandardCharsets.UTF_8), 401, "Unauthorized", "Unauthorized",
                        Optional.of("a1")),
                new Case("wrong token", Caller.WRONG_TOKEN, "GET", PODS, null, null, 401, "Unauthorized",
                        "Unauthorized", Optional.empty()),
                new Case("read-only user writes", Caller.VIEWER, "POST", PODS, "application/json",
                        pod("v1", "1").getBytes(StandardCharsets.UTF_8), 403, "Forbidden",
                        "User \"viewer\" cannot create resource \"pods\"", Optional.of("v1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithAStatusAndStoresNothing(Case c) {
        Http http = switch (c.caller()) {
            case ADMIN -> admin;
            case VIEWER -> client(Optional.of(VIEWER));
            case NO_TOKEN -> client(Optional.empty());
            case WRONG_TOKEN -> client(Optional.of("not-a-token"));
        };
        Http.Reply r = http.sendBytes(c.method(), c.path(), c.body(), c.contentType(), null);
        assertEquals(c.code(), r.code(), r.body());
        JsonNode status = r.json();
        assertEquals("Status", status.path("kind").asText(), r.body());
        assertEquals("v1", status.path("apiVersion").asText());
        assertEquals("Failure", status.path("status").asText());
        assertEquals(c.reason(), status.path("reason").asText(), r.body());
        assertEquals(c.code(), status.path("code").asInt());
        StringBuilder said = new StringBuilder(status.path("message").asText());
        status.path("details").path("causes").forEach(cause -> said.append(" | ").append(cause.path("field").asText())
                .append(": ").append(cause.path("message").asText()));
        assertTrue(said.toString().contains(c.mentions()), "expected \"" + c.mentions() + "\" in " + said);
        assertEquals(200, admin.get("/healthz").code(), "the server stays up");
        c.mustNotExist().ifPresent(name -> assertEquals(404, admin.get(PODS + "/" + name).code(), name + " stored"));
        JsonNode existing = admin.get(PODS + "/existing").json();
        assertEquals("x", existing.path("spec").path("containers").get(0).path("image").asText(),
                "the existing pod is unchanged");
    }

    @Test
    void invalidCausesNameEveryField() {
        Http.Reply r = admin.post(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"BAD\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"ports\":[{\"containerPort\":0}]}]}}");
        assertEquals(422, r.code());
        JsonNode causes = r.json().path("details").path("causes");
        assertEquals("Pod", r.json().path("details").path("kind").asText());
        assertEquals("metadata.name", causes.get(0).path("field").asText());
        assertTrue(causes.get(0).path("message").asText().startsWith("Invalid value: \"BAD\""));
        assertEquals("spec.containers[0].ports[0].containerPort", causes.get(1).path("field").asText());
    }

    private Http client(Optional<String> token) {
        return Http.tls(cluster.httpsUrl(), cluster.apiserver().caCertificateFile(), token);
    }

    private static Case json(String name, String method, String path, String body, int code, String reason,
                             String mentions, String mustNotExist) {
        return new Case(name, Caller.ADMIN, method, path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), code, reason, mentions,
                Optional.ofNullable(mustNotExist));
    }

    private static String pod(String name, String cpu) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":"
                + "{\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"resources\":{\"limits\":{\"cpu\":\"" + cpu
                + "\"}}}]}}";
    }

    /** k8s\0 + runtime.Unknown with only the type meta and an empty raw object. */
    private static byte[] protobuf(String apiVersion, String kind) {
        byte[] av = apiVersion.getBytes(StandardCharsets.UTF_8);
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        byte[] typeMeta = concat(new byte[]{0x0a, (byte) av.length}, av, new byte[]{0x12, (byte) k.length}, k);
        return concat(new byte[]{0x6b, 0x38, 0x73, 0x00, 0x0a, (byte) typeMeta.length}, typeMeta,
                new byte[]{0x12, 0x00});
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
