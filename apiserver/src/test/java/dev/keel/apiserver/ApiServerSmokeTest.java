package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, version, OpenAPI, health and metrics of a freshly started server. */
class ApiServerSmokeTest {
    @TempDir
    Path dir;

    @Test
    void servesDiscoveryOpenApiAndMetrics() {
        try (TestCluster c = TestCluster.start(dir, 1)) {
            Http h = new Http(c.httpUrl());
            assertEquals("32", h.get("/version").json().path("minor").asText());
            assertEquals("ok", h.get("/readyz").body());
            List<String> namespaces = new ArrayList<>();
            h.get("/api/v1/namespaces").json().path("items")
                    .forEach(n -> namespaces.add(n.path("metadata").path("name").asText()));
            assertEquals(List.of("default", "kube-node-lease", "kube-public", "kube-system"), namespaces);

            Http.Reply agg = h.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                    + "application/json");
            assertEquals("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", agg.contentType());
            JsonNode apps = agg.json().path("items").get(0);
            assertEquals("apps", apps.path("metadata").path("name").asText());
            JsonNode deployments = apps.path("versions").get(0).path("resources").get(1);
            assertEquals("deployments", deployments.path("resource").asText());
            assertEquals("Scale", deployments.path("subresources").get(1).path("responseKind").path("kind").asText());
            assertEquals("APIGroupList", h.get("/apis").json().path("kind").asText(), "legacy without the Accept");
            assertEquals("APIResourceList", h.get("/apis/apps/v1").json().path("kind").asText());

            JsonNode index = h.get("/openapi/v3").json();
            String url = index.path("paths").path("api/v1").path("serverRelativeURL").asText();
            JsonNode doc = h.get(url).json();
            JsonNode patch = doc.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch");
            assertEquals("Pod", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
            boolean fieldValidation = false;
            for (JsonNode p : patch.path("parameters")) {
                fieldValidation |= p.path("name").asText().equals("fieldValidation");
            }
            assertTrue(fieldValidation);
            assertEquals("name", doc.path("components").path("schemas").path("io.k8s.api.core.v1.PodSpec")
                    .path("properties").path("containers").path("x-kubernetes-patch-merge-key").asText());
            assertEquals(301, h.get("/openapi/v3/api/v1?hash=stale").code());

            h.post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":"
                    + "[{\"name\":\"c\",\"image\":\"x\"}]}}");
            String metrics = h.get("/metrics").body();
            assertTrue(metrics.contains("apiserver_request_total{code=\"201\",resource=\"pods\",verb=\"create\"} 1.0"),
                    metrics);
            assertTrue(metrics.contains("apiserver_request_duration_seconds_bucket"));
            assertTrue(metrics.contains("apiserver_watches_in_flight"));

            Http anonymous = Http.tls(c.httpsUrl(), c.apiserver().caCertificateFile(), Optional.empty());
            assertEquals(200, anonymous.get("/healthz").code());
            assertEquals(401, anonymous.get("/metrics").code());
        }
    }
}
