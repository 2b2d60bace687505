package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.apiserver.Http;
import dev.keel.apiserver.TestCluster;
import dev.keel.apiserver.WatchStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML answers and gzip through the plain HTTP port (one store replica). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseFormatTest {
    private static final String PODS = "/api/v1/namespaces/fmt/pods";
    private TestCluster cluster;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        http = new Http(cluster.httpUrl());
        assertEquals(201, http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"fmt\"}}").code());
        for (int i = 0; i < 10; i++) {
            assertEquals(201, http.post(PODS, "{\"metadata\":{\"name\":\"p" + i + "\"},\"spec\":{\"containers\":"
                    + "[{\"name\":\"c\",\"image\":\"x\"}]}}").code());
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void yamlWhenAskedFirst() throws Exception {
        Http.Reply one = http.get(PODS + "/p1", "application/yaml");
        assertEquals("application/yaml", one.contentType());
        JsonNode pod = new YAMLMapper().readTree(one.body());
        assertEquals("p1", pod.path("metadata").path("name").asText());
        assertFalse(one.body().startsWith("{"), one.body());
        Http.Reply list = http.get(PODS, "application/yaml, application/json");
        assertEquals("PodList", new YAMLMapper().readTree(list.body()).path("kind").asText());
        assertEquals("application/json", http.get(PODS, "application/json, application/yaml").contentType());
        assertEquals("application/yaml", http.send("POST", PODS, "{\"metadata\":{\"name\":\"y\"},\"spec\":"
                + "{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}", "application/json", "application/yaml")
                .contentType());
    }

    @Test
    void gzipForLargeAnswersOnly() throws Exception {
        HttpResponse<byte[]> big = raw(PODS);
        assertEquals("gzip", big.headers().firstValue("Content-Encoding").orElse(""));
        JsonNode list = new ObjectMapper().readTree(new GZIPInputStream(new ByteArrayInputStream(big.body())));
        assertTrue(list.path("items").size() >= 10, list.toString());
        HttpResponse<byte[]> small = raw("/version");
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "under 1 KiB stays plain");
        assertEquals('{', (char) small.body()[0]);
    }

    @Test
    void watchesAreNeverCompressed() throws Exception {
        String rv = http.get(PODS).json().path("metadata").path("resourceVersion").asText();
        try (WatchStream w = new WatchStream(http, PODS + "?watch=true&resourceVersion=" + rv, "Accept-Encoding",
                "gzip")) {
            http.post(PODS, "{\"metadata\":{\"name\":\"late\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                    + "\"image\":\"x\"}]}}");
            JsonNode e = w.nextChange(10_000);
            assertEquals("ADDED", e.path("type").asText());
            assertEquals("late", e.path("object").path("metadata").path("name").asText());
        }
    }

    private HttpResponse<byte[]> raw(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(http.base() + path)).timeout(Duration.ofSeconds(20))
                .header("Accept-Encoding", "gzip").GET().build();
        return http.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }
}
