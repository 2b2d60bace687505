package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A watch request's event lines, read on a background thread into a queue; poll with a bound. */
public final class WatchStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    public WatchStream(Http http, String path) {
        this(http, path, new String[0]);
    }

    /** A watch sending extra request headers ({@code name, value, name, value, ...}). */
    public WatchStream(Http http, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpRequest req = b.build();
        response = http.client().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            try (Stream<String> lines = r.body()) {
                lines.filter(l -> !l.isBlank()).forEach(l -> {
                    try {
                        events.add(JSON.readTree(l));
                    } catch (IOException e) {
                        throw new IllegalStateException("not a JSON line: " + l, e);
                    }
                });
                ended.complete(null);
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
        });
    }

    /** The next event, failing after {@code millis}. */
    public JsonNode next(long millis) throws InterruptedException {
        JsonNode e = events.poll(millis, TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no watch event within " + millis + " ms");
        }
        return e;
    }

    /** The next event that is not a BOOKMARK. */
    public JsonNode nextChange(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            JsonNode e = next(Math.max(1, deadline - System.currentTimeMillis()));
            if (!e.path("type").asText().equals("BOOKMARK")) {
                return e;
            }
        }
    }

    /** Waits (bounded) for the server to end the stream. */
    public void awaitEnd(Duration max) throws Exception {
        ended.get(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
