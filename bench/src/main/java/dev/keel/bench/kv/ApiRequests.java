package dev.keel.bench.kv;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP calls of {@code keel-bench api}: JSON over the apiserver's plain HTTP port, asynchronous, a non-2xx
 * answer failing the future with the status and the start of the body.
 */
final class ApiRequests {
  private final HttpClient client;
  private final String base;
  private final Duration timeout;

  ApiRequests(String base, Duration timeout) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.base = base;
    this.timeout = timeout;
  }

  /** Thrown (inside the future) for a non-2xx answer. */
  static final class HttpStatusException extends RuntimeException {
    HttpStatusException(int code, String body) {
      super("HTTP " + code + ": " + (body.length() > 120 ? body.substring(0, 120) : body));
    }
  }

  CompletableFuture<byte[]> send(String method, String path, String contentType, String body,
      String acceptEncoding) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
      if (r.statusCode() / 100 != 2) {
        throw new HttpStatusException(r.statusCode(), new String(r.body(),
            java.nio.charset.StandardCharsets.UTF_8));
      }
      return r.body();
    });
  }

  CompletableFuture<byte[]> post(String path, String json) {
    return send("POST", path, "application/json", json, null);
  }

  /** A pod of about 1 KiB of JSON, as a small real one: labels, resources, env, a port. */
  static String pod(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\""
        + app + "\",\"tier\":\"bench\"},\"annotations\":{\"keel.dev/bench\":\"true\"}},\"spec\":{\"containers\":[{"
        + "\"name\":\"web\",\"image\":\"registry.example/web:1.27.3\",\"ports\":[{\"containerPort\":8080,"
        + "\"name\":\"http\"}],\"env\":[{\"name\":\"MODE\",\"value\":\"bench\"},{\"name\":\"LEVEL\",\"value\":"
        + "\"info\"}],\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"},\"limits\":{\"cpu\":"
        + "\"500m\",\"memory\":\"128Mi\"}},\"command\":[\"/bin/web\",\"--port=8080\"]}]}}";
  }
}
