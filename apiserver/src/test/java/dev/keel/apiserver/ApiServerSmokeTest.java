package dev.keel.apiserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiServerSmokeTest {
    @TempDir
    Path dir;

    @Test
    void servesBasics() {
        try (TestCluster c = TestCluster.start(dir, 1)) {
            Http h = new Http(c.httpUrl());
            assertEquals("32", h.get("/version").json().path("minor").asText());
            Http.Reply ns = h.get("/api/v1/namespaces");
            System.err.println(ns.body());
            assertEquals(200, ns.code());
            Http.Reply created = h.post("/api/v1/namespaces/default/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1","labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"500m"}}}]}}""");
            System.err.println(created.body());
            assertEquals(201, created.code());
            System.err.println(h.get("/api/v1/namespaces/default/pods", "application/json;as=Table;v=v1;g=meta.k8s.io").body());
            System.err.println(h.get("/api/v1/pods?limit=1").body());
            System.err.println(h.get("/openapi/v3").body());
            System.err.println(h.get("/api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").body());
        }
    }
}
