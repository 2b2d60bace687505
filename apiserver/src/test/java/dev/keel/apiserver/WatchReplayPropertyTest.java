package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random create/update/patch/delete sequences on a few objects, run from two client threads at once, with two
 * watchers open (one from the namespace's list, one from its start): each watcher's stream is ordered by
 * resourceVersion without repeats, every change applies to the state the stream built so far, and replaying it gives
 * exactly the final list. One shared Keel; each try works in its own namespace.
 */
class WatchReplayPropertyTest {
    private static TestCluster cluster;
    private static Path dir;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("keel-watch-replay");
        cluster = TestCluster.start(dir, 1);
    }

    @AfterContainer
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One API call on object {@code target} (0..2). */
    record Op(String kind, int target, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of("create", "update", "patch", "delete"),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 99)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(16);
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void watchersReplayToTheFinalList(@ForAll("ops") List<Op> ops) throws Exception {
        Http http = new Http(cluster.httpUrl());
        String ns = "replay-" + TRIES.incrementAndGet();
        assertEquals(201, http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}").code());
        String base = "/api/v1/namespaces/" + ns + "/services";
        String listRv = http.get(base).json().path("metadata").path("resourceVersion").asText();
        try (WatchStream fromList = new WatchStream(http, base + "?watch=true&resourceVersion=" + listRv);
             WatchStream fromNow = new WatchStream(http, base + "?watch=true")) {
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int half = t;
                    done.add(clients.submit(() -> {
                        for (int i = half; i < ops.size(); i += 2) {
                            apply(http, base, ops.get(i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertEquals(201, http.post(base, service("marker", 1)).code());
            JsonNode list = http.get(base).json();
            Map<String, String> expected = new TreeMap<>();
            list.path("items").forEach(i -> expected.put(i.path("metadata").path("name").asText(),
                    i.path("metadata").path("resourceVersion").asText()));
            assertEquals(expected, replay(fromList, true));
            assertEquals(expected, replay(fromNow, false));
        }
    }

    /**
     * Applies events until the marker arrives, checking consistency (and the order of resourceVersions when
     * {@code ordered}: a watch without a resourceVersion starts with the current objects in name order); the state
     * it built.
     */
    private static Map<String, String> replay(WatchStream w, boolean ordered) throws Exception {
        Map<String, String> state = new TreeMap<>();
        long last = 0;
        while (true) {
            JsonNode e = w.nextChange(20_000);
            String type = e.path("type").asText();
            String name = e.path("object").path("metadata").path("name").asText();
            String rv = e.path("object").path("metadata").path("resourceVersion").asText();
            assertFalse(type.equals("ERROR"), e.toString());
            long r = Long.parseLong(rv);
            assertTrue(!ordered || r > last, "resourceVersions increase: " + r + " after " + last);
            last = Math.max(last, r);
            switch (type) {
                case "ADDED" -> assertEquals(null, state.put(name, rv), "ADDED twice: " + name);
                case "MODIFIED" -> assertTrue(state.put(name, rv) != null, "MODIFIED before ADDED: " + name);
                case "DELETED" -> assertTrue(state.remove(name) != null, "DELETED unknown: " + name);
                default -> throw new AssertionError("unexpected event " + e);
            }
            if (name.equals("marker")) {
                return state;
            }
        }
    }

    private static void apply(Http http, String base, Op op) {
        String name = "s" + op.target();
        Http.Reply r = switch (op.kind()) {
            case "create" -> http.post(base, service(name, op.value()));
            case "update" -> http.put(base + "/" + name, service(name, op.value()));
            case "patch" -> http.patch(base + "/" + name, "application/strategic-merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"v\":\"" + op.value() + "\"}}}");
            default -> http.delete(base + "/" + name);
        };
        // 404 (no such object yet) and 409 (exists already) are legitimate outcomes of a random sequence
        assertTrue(r.code() == 200 || r.code() == 201 || r.code() == 404 || r.code() == 409, op + ": " + r.body());
    }

    private static String service(String name, int port) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"ports\":[{\"port\":" + (port + 1) + "}]}}";
    }

}
