package dev.keel.node.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real TCP server on a loopback address, one thread per connection, running {@code handler} on each. */
final class TestBackend implements AutoCloseable {
    @FunctionalInterface
    interface Handler {
        void handle(Socket s) throws IOException;
    }

    final String name;
    final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-backend");
        t.setDaemon(true);
        return t;
    });

    TestBackend(String name, String host, Handler handler) {
        this.name = name;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    threads.execute(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    /** Writes {@code name\n}, then echoes until end of input. */
    static TestBackend echo(String name, String host) {
        return new TestBackend(name, host, s -> {
            s.getOutputStream().write((name + "\n").getBytes());
            s.getOutputStream().flush();
            s.getInputStream().transferTo(s.getOutputStream());
        });
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a test server
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
