package dev.keel.node.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /containerLogs/{namespace}/{pod}/{container}?follow=&tailLines=&limitBytes=&previous=&timestamps=}:
 * the kubelet's log endpoint, which the apiserver's {@code pods/log} subresource proxies to. Answers
 * {@code text/plain}, chunked; 404 for a pod not on this node, 400 for a bad container or parameter.
 */
public final class ContainerLogsHandler implements HttpHandler {
    public static final String PREFIX = "/containerLogs/";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerLogsHandler.class);

    private final LogLocator locator;
    private final LogStreamer streamer;

    public ContainerLogsHandler(LogLocator locator, LogStreamer streamer) {
        this.locator = locator;
        this.streamer = streamer;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                reply(ex, 405, "only GET is served on " + PREFIX);
                return;
            }
            String[] parts = ex.getRequestURI().getRawPath().substring(PREFIX.length()).split("/");
            if (parts.length < 2 || parts.length > 3) {
                reply(ex, 404, "expected " + PREFIX + "{namespace}/{pod}/{container}, got " + ex.getRequestURI().getPath());
                return;
            }
            LogRequest req;
            try {
                req = LogRequest.parse(ex.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                reply(ex, 400, e.getMessage());
                return;
            }
            String container = parts.length == 3 ? decode(parts[2]) : null;
            LogLookup found = locator.find(decode(parts[0]), decode(parts[1]), container, req.previous());
            if (found instanceof LogLookup.Missing m) {
                reply(ex, m.status(), m.message());
                return;
            }
            LogTarget target = ((LogLookup.Found) found).target();
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                streamer.stream(target, req, out);
            } catch (IOException e) {
                LOG.debug("log reader of {} went away: {}", ex.getRequestURI().getPath(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
