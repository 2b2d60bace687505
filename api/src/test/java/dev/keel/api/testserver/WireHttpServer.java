package dev.keel.api.testserver;

import javax.net.ssl.SSLContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 server on loopback for protocol tests (plain or TLS): one thread per connection, keep-alive,
 * Content-Length request bodies, and responses either with a length or streamed in chunks. Written on raw sockets
 * rather than com.sun.net.httpserver so that a test can break a stream mid-way (close the socket without the last
 * chunk), which is what a crashed apiserver or a cut network looks like to a client.
 */
final class WireHttpServer implements AutoCloseable {
    /** Handles one request; runs on the connection's thread and may block (e.g. while streaming). */
    interface Handler {
        void handle(Request request, Response response) throws IOException;
    }

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                   byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wire-test-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    WireHttpServer(SSLContext tls, Handler handler) throws IOException {
        this.handler = handler;
        this.socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                Request req = read(in);
                if (req == null) {
                    return;
                }
                Response resp = new Response(s, in, out);
                handler.handle(req, resp);
                if (!resp.keepAlive()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away or the test broke the connection.
        } finally {
            connections.remove(s);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String kv : target.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : kv.substring(eq + 1);
                query.put(decode(k), decode(v));
            }
        }
        return new Request(parts[0], path, query, headers, body);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : connections) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One response: either {@link #send} once, or {@link #startStream} then chunks, then end or abort. */
    static final class Response {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean keepAlive = true;

        Response(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /**
         * True if the client has closed the connection. Only for streams: the client sends nothing on a
         * connection while it reads a stream, so any read result but a timeout means it went away.
         */
        boolean peerClosed() {
            try {
                socket.setSoTimeout(1);
                return in.read() == -1;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            } finally {
                try {
                    socket.setSoTimeout(0);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        boolean keepAlive() {
            return keepAlive;
        }

        void send(int code, byte[] body) throws IOException {
            String head = "HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        void startStream() throws IOException {
            keepAlive = false;
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void writeChunk(byte[] data) throws IOException {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void endStream() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Closes the connection without ending the stream: the client sees a broken body. */
        void abort() {
            keepAlive = false;
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (SocketException e) {
                // already closed
            } catch (IOException e) {
                // already closed
            }
        }

        private static String reasonPhrase(int code) {
            switch (code) {
                case 200: return "OK";
                case 201: return "Created";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 404: return "Not Found";
                case 409: return "Conflict";
                case 410: return "Gone";
                case 415: return "Unsupported Media Type";
                case 422: return "Unprocessable Entity";
                case 503: return "Service Unavailable";
                default: return "Status";
            }
        }
    }
}
