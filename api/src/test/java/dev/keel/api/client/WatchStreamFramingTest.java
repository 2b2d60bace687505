package dev.keel.api.client;

import com.sun.net.httpserver.HttpServer;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.WatchEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * How a watch body is cut into events, whatever the chunks it arrives in: a server that writes the stream in pieces
 * split inside lines and inside multi-byte characters, with blank lines between events and no newline after the
 * last one.
 */
class WatchStreamFramingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private HttpServer server;
    private KubeClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static String event(String type, String name, String label) {
        return "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"default\",\"resourceVersion\":\"5\",\"annotations\":{\"a\":\"" + label
                + "\"}}}}";
    }

    @Test
    void eventsSplitAcrossChunksAndCharactersArriveWhole() throws Exception {
        String body = event("ADDED", "a", "grüße €") + "\n\n" + event("MODIFIED", "a", "𝄞 clef") + "\r\n  \n"
                + event("DELETED", "b", "plain");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int[] cuts = {1, 17, 60, indexAfter(bytes, "gr") + 1, indexAfter(bytes, "€") - 1, bytes.length / 2,
                indexAfter(bytes, "𝄞") - 2, bytes.length - 3};
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                int from = 0;
                for (int cut : Arrays.stream(cuts).sorted().distinct().toArray()) {
                    out.write(bytes, from, cut - from);
                    out.flush();
                    from = cut;
                }
                out.write(bytes, from, bytes.length - from);
            }
        });
        server.start();
        client = KubeClient.create(ClientConfig.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
        RecordingListener<Pod> rec = new RecordingListener<>();
        client.pods().watch("default", WatchOptions.from("1"), rec);

        List<WatchEvent<Pod>> events = rec.awaitEvents(3, WAIT);
        assertEquals(List.of("ADDED a grüße €", "MODIFIED a 𝄞 clef", "DELETED b plain"), events.stream()
                .map(e -> {
                    Pod p = ((WatchEvent.Change<Pod>) e).object();
                    return e.type() + " " + p.metadata().name() + " " + p.metadata().annotations().get("a");
                }).toList());
        assertInstanceOf(WatchEnd.Finished.class, rec.awaitEnd(WAIT));
    }

    @Test
    void aMalformedLineEndsTheWatchAsFailed() throws Exception {
        byte[] bytes = (event("ADDED", "a", "x") + "\n{\"type\":\"ADDED\",\"object\":{\n").getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = KubeClient.create(ClientConfig.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
        RecordingListener<Pod> rec = new RecordingListener<>();
        client.pods().watch("default", WatchOptions.from("1"), rec);

        assertEquals(1, rec.awaitEvents(1, WAIT).size());
        WatchEnd.Failed failed = assertInstanceOf(WatchEnd.Failed.class, rec.awaitEnd(WAIT));
        assertInstanceOf(MalformedResponseException.class, failed.cause());
    }

    /** The index just after the first occurrence of {@code s} in {@code bytes}. */
    private static int indexAfter(byte[] bytes, String s) {
        byte[] needle = s.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        throw new IllegalArgumentException(s + " not found");
    }
}
