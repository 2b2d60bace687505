package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;

/** A small JSON-over-HTTP client for tests, with bounded timeouts. */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final Optional<String> token;

    public Http(String base) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, Optional.empty());
    }

    private Http(HttpClient client, String base, Optional<String> token) {
        this.client = client;
        this.base = base;
        this.token = token;
    }

    /** A client for the HTTPS port trusting {@code caFile}, sending {@code token} (if present). */
    public static Http tls(String base, Path caFile, Optional<String> token) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return new Http(HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build(),
                    base, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int code, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + code + "): " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    public Reply get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    public Reply post(String path, String body) {
        return send("POST", path, body, "application/json", null);
    }

    public Reply put(String path, String body) {
        return send("PUT", path, body, "application/json", null);
    }

    public Reply patch(String path, String contentType, String body) {
        return send("PATCH", path, body, contentType, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null, null);
    }

    public Reply send(String method, String path, String body, String contentType, String accept) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType, accept);
    }

    public Reply sendBytes(String method, String path, byte[] body, String contentType, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    public String base() {
        return base;
    }
}
