package dev.keel.api.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request-response exchanges (everything but watches) over HTTP/1.1 keep-alive connections on Netty, one exchange
 * per connection at a time; idle connections are kept for the next request. The JDK's HTTP client spent more CPU in
 * its own machinery (several thread hand-offs and a selector thread per exchange) than on the requests.
 *
 * <p>Results are completed on the client's {@code executor}, never on the I/O thread, so that a caller's
 * continuation may block (even on another request of the same client). Aborting an exchange closes its connection.
 * A request that finds its reused connection closed before anything was written goes again on a new connection;
 * so does a GET whose reused connection closed before any answer. Thread-safe.
 */
final class NettyExchanges implements AutoCloseable {
    private static final AttributeKey<Exchange> CURRENT = AttributeKey.valueOf("keel-exchange");
    /** Lists of many objects are large; a single answer above this is refused. */
    private static final int MAX_BODY_BYTES = 1 << 30;

    private final URI server;
    private final String hostHeader;
    private final SSLContext tls;
    private final Executor executor;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

    /** An answer: status and body. */
    record Response(int status, byte[] body) {
    }

    NettyExchanges(URI server, SSLContext tlsOrNull, Duration connectTimeout, Executor executor) {
        this.server = server;
        boolean https = "https".equalsIgnoreCase(server.getScheme());
        this.hostHeader = server.getPort() < 0 ? server.getHost() : server.getHost() + ":" + server.getPort();
        this.tls = https ? (tlsOrNull != null ? tlsOrNull : defaultTls()) : null;
        this.executor = executor;
        this.group = new MultiThreadIoEventLoopGroup(1, ioThreads(server.getAuthority()), NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (tls != null) {
                            p.addLast(new SslHandler(engine()));
                        }
                        p.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY_BYTES), new Answers());
                    }
                });
    }

    private int port() {
        return server.getPort() >= 0 ? server.getPort() : tls != null ? 443 : 80;
    }

    private SSLEngine engine() {
        SSLEngine e = tls.createSSLEngine(server.getHost(), port());
        e.setUseClientMode(true);
        SSLParameters params = e.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // check the server's name, as the JDK client does
        e.setSSLParameters(params);
        return e;
    }

    /**
     * Sends one request; the result completes (on the executor) with the answer, or with an {@link IOException}
     * when the connection failed. {@link InFlightLimit.Attempt#abort} closes the connection.
     */
    InFlightLimit.Attempt<Response> send(String method, String pathAndQuery, String[] headers, byte[] body) {
        Exchange x = new Exchange(method, pathAndQuery, headers, body);
        x.start();
        return new InFlightLimit.Attempt<>(x.result, x::abort);
    }

    @Override
    public void close() {
        for (Channel c; (c = idle.poll()) != null; ) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One request and its answer, on a reused or a new connection. */
    private final class Exchange {
        final String method;
        final String pathAndQuery;
        final String[] headers;
        final byte[] body;
        final CompletableFuture<Response> result = new CompletableFuture<>();
        private volatile Channel channel;
        private volatile boolean aborted;
        /** Whether the current try runs on a connection an earlier exchange used (it may have gone stale). */
        private volatile boolean reused;
        private volatile boolean retried;

        Exchange(String method, String pathAndQuery, String[] headers, byte[] body) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
            this.headers = headers;
            this.body = body;
        }

        void start() {
            Channel reuse;
            while ((reuse = idle.pollFirst()) != null && !reuse.isActive()) {
                reuse.close();
            }
            if (reuse != null) {
                write(reuse, true);
                return;
            }
            bootstrap.connect(server.getHost(), port()).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    write(f.channel(), false);
                } else {
                    fail(f.cause());
                }
            });
        }

        private void write(Channel c, boolean reusedConnection) {
            channel = c;
            reused = reusedConnection;
            if (aborted) {
                c.close();
                fail(new IOException("the request was given up"));
                return;
            }
            FullHttpRequest request;
            try {
                request = request();
            } catch (RuntimeException e) { // a header Netty refuses (e.g. a control character in a token)
                idle.addFirst(c);
                fail(new IOException("cannot send the request: " + e.getMessage(), e));
                return;
            }
            c.attr(CURRENT).set(this);
            c.writeAndFlush(request).addListener((ChannelFuture f) -> {
                if (!f.isSuccess() && c.attr(CURRENT).compareAndSet(this, null)) { // else the close was handled
                    c.close();
                    if (reused && !retried && !aborted) { // nothing was sent on the stale connection: go again
                        retried = true;
                        start();
                    } else {
                        fail(f.cause());
                    }
                }
            });
        }

        private FullHttpRequest request() {
            FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                    pathAndQuery, body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.HOST, hostHeader);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                r.headers().set(headers[i], headers[i + 1]);
            }
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            return r;
        }

        /** Its connection closed before the answer: it failed (or goes again once, see the class doc). */
        void connectionClosed() {
            if (reused && !retried && !aborted && (method.equals("GET") || method.equals("HEAD"))) {
                retried = true;
                start();
            } else {
                fail(new ClosedChannelException());
            }
        }

        void answered(Channel c, FullHttpResponse r) {
            if (!c.attr(CURRENT).compareAndSet(this, null)) {
                return;
            }
            Response answer = new Response(r.status().code(), ByteBufUtil.getBytes(r.content()));
            if (HttpUtil.isKeepAlive(r) && !aborted) {
                idle.addFirst(c);
            } else {
                c.close();
            }
            onExecutor(() -> result.complete(answer));
        }

        void abort() {
            aborted = true;
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }

        private void fail(Throwable t) {
            IOException e = t instanceof IOException io ? io : new IOException(String.valueOf(t.getMessage()), t);
            onExecutor(() -> result.completeExceptionally(e));
        }

        /** Runs {@code r} on the client's threads; inline when they are gone (the client is closing). */
        private void onExecutor(Runnable r) {
            try {
                executor.execute(r);
            } catch (RejectedExecutionException e) {
                r.run();
            }
        }
    }

    /** Hands each answer to the exchange waiting on its connection. */
    private static final class Answers extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            Exchange x = ctx.channel().attr(CURRENT).get();
            if (x != null) {
                x.answered(ctx.channel(), r);
            } else {
                ctx.close(); // an answer nobody asked for: the connection is out of step
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Exchange x = ctx.channel().attr(CURRENT).getAndSet(null);
            if (x != null) {
                x.connectionClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the waiting exchange, if any, fails when the connection has closed
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private static ThreadFactory ioThreads(String authority) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "keel-client-io-" + authority + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
