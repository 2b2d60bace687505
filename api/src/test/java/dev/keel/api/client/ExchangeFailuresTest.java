package dev.keel.api.client;

import dev.keel.api.core.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request transport against servers that misbehave at the connection level: nothing listening, no answer,
 * and a server that closes each keep-alive connection after its answer (so the client's idle connection is stale).
 */
class ExchangeFailuresTest {
    private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\","
            + "\"namespace\":\"default\",\"resourceVersion\":\"3\"}}";
    private ServerSocket server;
    private Thread acceptor;
    private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
    private KubeClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
            acceptor.join(5000);
        }
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** A server answering every connection with {@code handler} on its own thread. */
    private URI serve(ConnectionHandler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread t = new Thread(() -> {
                        try {
                            handler.handle(s);
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private interface ConnectionHandler {
        void handle(Socket s) throws IOException;
    }

    /** Reads one request's head (the tests send no bodies). */
    private static void readHead(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // skip the request line and headers
        }
    }

    @Test
    void nothingListeningIsATransientConnectionFailure() {
        client = KubeClient.create(ClientConfig.of(URI.create("http://127.0.0.1:1")));
        TransientException e = assertThrows(TransientException.class, () -> client.pods().get("default", "a"));
        assertEquals("ConnectionFailed", e.reason(), e.getMessage());
    }

    @Test
    void noAnswerTimesOutAndClosesTheConnection() throws Exception {
        AtomicInteger closedByClient = new AtomicInteger();
        URI uri = serve(s -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            readHead(in);
            if (in.read() < 0) { // blocks until the client closes
                closedByClient.incrementAndGet();
            }
        });
        client = KubeClient.create(ClientConfig.of(uri).withRequestTimeout(Duration.ofMillis(500)));
        TransientException e = assertThrows(TransientException.class, () -> client.pods().get("default", "a"));
        assertEquals("Timeout", e.reason(), e.getMessage());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closedByClient.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, closedByClient.get(), "the given-up request's connection was closed");
    }

    @Test
    void aKeptConnectionThatTheServerClosedIsReplaced() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        URI uri = serve(s -> {
            connections.incrementAndGet();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            readHead(in);
            byte[] body = POD.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            s.close(); // says keep-alive (HTTP/1.1, no Connection: close), but closes
        });
        client = KubeClient.create(ClientConfig.of(uri));
        for (int i = 0; i < 5; i++) {
            Pod p = client.pods().get("default", "a");
            assertEquals("a", p.metadata().name());
        }
        assertTrue(connections.get() >= 5, "each request got a connection: " + connections.get());
    }
}
