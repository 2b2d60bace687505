package dev.keel.node.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.keel.apiserver.tls.CertificateAuthority;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP(S) server on 127.0.0.1 for probe tests: each path answers a settable status (default 200), with an
 * optional Location and delay; requests are counted and their headers kept.
 */
final class TestHttpServer implements AutoCloseable {
    record Answer(int status, String location, long delayMillis) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final AtomicInteger hits = new AtomicInteger();
    final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

    private TestHttpServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static TestHttpServer http() throws IOException {
        return new TestHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** HTTPS with a certificate for a host name that is not 127.0.0.1 (a probe must not care). */
    static TestHttpServer https() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Clock.systemUTC(), new SecureRandom());
        CertificateAuthority.Issued issued = ca.issueServing(List.of("not-this-host.example"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", issued.key(), new char[0],
                new Certificate[]{issued.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        return new TestHttpServer(s);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(String path, int status) {
        answers.put(path, new Answer(status, null, 0));
    }

    void answer(String path, Answer a) {
        answers.put(path, a);
    }

    private void handle(HttpExchange ex) throws IOException {
        hits.incrementAndGet();
        requestHeaders.add(Map.copyOf(ex.getRequestHeaders()));
        Answer a = answers.getOrDefault(ex.getRequestURI().getPath(), new Answer(200, null, 0));
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis()); // a deliberately slow server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a.location() != null) {
            ex.getResponseHeaders().add("Location", a.location());
        }
        byte[] body = ("status " + a.status()).getBytes();
        ex.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
