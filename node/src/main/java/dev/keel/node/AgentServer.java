package dev.keel.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keel.node.logs.ContainerLogsHandler;
import dev.keel.node.logs.LogLocator;
import dev.keel.node.logs.LogStreamer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP port (plain HTTP, no authentication: bind it to an address only the apiserver reaches):
 * {@code /containerLogs/...} (what the apiserver's {@code pods/log} proxies to), {@code /healthz}, {@code /metrics}.
 * The JDK server is enough here: few requests, and a followed log holds one thread of a cached pool while open.
 */
final class AgentServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    AgentServer(String host, int port, LogLocator logs, PrometheusMeterRegistry metrics, String nodeName) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "node-" + nodeName + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("node " + nodeName + ": cannot listen on " + host + ":" + port, e);
        }
        server.setExecutor(threads);
        server.createContext(ContainerLogsHandler.PREFIX,
                new ContainerLogsHandler(logs, new LogStreamer(Duration.ofMillis(100))));
        server.createContext("/healthz", ex -> text(ex, 200, "ok"));
        server.createContext("/metrics", ex -> text(ex, 200, metrics.scrape()));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }
}
