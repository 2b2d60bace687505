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
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST client's HTTP/1.1 on Netty. Request-response exchanges run over keep-alive connections, one exchange per
 * connection at a time, and idle connections are kept for the next request. Streamed answers (watches) get a
 * connection of their own. The JDK's HTTP client had spent more CPU in its own machinery (thread hand-offs, a
 * selector thread) than on the requests.
 *
 * <p>Results and stream chunks are handed over on the client's {@code executor}, never on the I/O thread, so that a
 * caller's continuation or a watch listener may block, even on another request of the same client. Aborting an
 * exchange closes its connection. A request whose write fails on a reused connection (one the server had closed
 * while it was idle) goes again on a new connection; so does a GET whose reused connection closed before any
 * answer. Thread-safe.
 */
final class NettyExchanges implements AutoCloseable {
    private static final AttributeKey<Exchange> CURRENT = AttributeKey.valueOf("keel-exchange");
    private static final AttributeKey<Stream> STREAM = AttributeKey.valueOf("keel-stream");
    /** Lists of many objects are large; a single answer above this is refused. */
    private static final int MAX_BODY_BYTES = 1 << 30;

    private final URI server;
    private final String hostHeader;
    private final SSLContext tls;
    private final Executor executor;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** Connections of streamed answers (watches): their own, never pooled. */
    private final Bootstrap streams;
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
        this.group = new MultiThreadIoEventLoopGroup(1, KubeClient.daemonThreads("keel-client-io-" + server.getAuthority()), NioIoHandler.newFactory());
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
        this.streams = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                if (tls != null) {
                    p.addLast(new SslHandler(engine()));
                }
                p.addLast(new HttpClientCodec(), new StreamReader());
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

    /**
     * Where a streamed answer goes: each call on the client's threads, one at a time, in order; {@link #body} for
     * the chunks of a 200 answer, then exactly one of the others.
     */
    interface StreamSink {
        void body(byte[] chunk);

        /** The answer ended normally. */
        void end();

        /** The answer was not a 200: its status and whole body. */
        void rejected(int status, byte[] body);

        /** The connection failed or closed before the answer ended. */
        void failed(IOException e);
    }

    /**
     * Sends a request whose answer is read as a stream on a connection of its own; the returned action closes it
     * (the sink then gets {@link StreamSink#failed}, unless the answer had already ended).
     */
    Runnable stream(String method, String pathAndQuery, String[] headers, StreamSink sink) {
        Stream st = new Stream(sink);
        streams.connect(server.getHost(), port()).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                st.deliver(() -> sink.failed(asIo(f.cause())));
                return;
            }
            Channel c = f.channel();
            c.attr(STREAM).set(st);
            st.channel = c;
            if (st.closed) {
                c.close();
                return;
            }
            FullHttpRequest request;
            try {
                request = request(method, pathAndQuery, headers, null);
            } catch (RuntimeException e) {
                c.close();
                st.deliver(() -> sink.failed(new IOException("cannot send the request: " + e.getMessage(), e)));
                return;
            }
            c.writeAndFlush(request).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    c.close();
                }
            });
        });
        return st::close;
    }

    @Override
    public void close() {
        for (Channel c; (c = idle.poll()) != null; ) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private FullHttpRequest request(String method, String pathAndQuery, String[] headers, byte[] body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), pathAndQuery,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.HOST, hostHeader);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.headers().set(headers[i], headers[i + 1]);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return r;
    }

    /** Runs {@code r} on the client's threads; inline when they are gone (the client is closing). */
    private void runOnExecutor(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
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
                request = request(method, pathAndQuery, headers, body);
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
            runOnExecutor(() -> result.complete(answer));
        }

        void abort() {
            aborted = true;
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }

        void fail(Throwable t) {
            IOException e = asIo(t);
            runOnExecutor(() -> result.completeExceptionally(e));
        }

    }

    /** The end of a connection's pipeline: a TLS handshake that failed reaches {@link #exceptionCaught} with its cause. */
    private abstract static class ConnectionHandler<I> extends SimpleChannelInboundHandler<I> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
                exceptionCaught(ctx, hs.cause());
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    /** Hands each answer to the exchange waiting on its connection. */
    private static final class Answers extends ConnectionHandler<FullHttpResponse> {
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
            Exchange x = ctx.channel().attr(CURRENT).getAndSet(null);
            if (x != null) {
                x.fail(cause); // with its cause (a TLS handshake that failed, say), not just "closed"
            }
            ctx.close();
        }
    }

    /**
     * One streamed answer: the sink's calls run in order on the client's threads; while more than a few chunks wait
     * for the sink, the connection stops reading (so a slow listener slows the socket, not the heap).
     */
    private final class Stream {
        private static final int PAUSE_AT = 8;
        private static final int RESUME_AT = 2;
        final StreamSink sink;
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicInteger queuedChunks = new AtomicInteger();
        volatile Channel channel;
        volatile boolean closed;
        /** Set on the I/O thread once the sink has been given its last call. */
        boolean done;

        Stream(StreamSink sink) {
            this.sink = sink;
        }

        void chunk(byte[] bytes) {
            if (queuedChunks.incrementAndGet() >= PAUSE_AT && channel != null) {
                channel.config().setAutoRead(false);
            }
            deliver(() -> {
                try {
                    sink.body(bytes);
                } finally {
                    Channel c = channel;
                    if (queuedChunks.decrementAndGet() <= RESUME_AT && c != null && !c.config().isAutoRead()) {
                        c.eventLoop().execute(() -> c.config().setAutoRead(true));
                    }
                }
            });
        }

        void deliver(Runnable r) {
            queue.add(r);
            if (draining.compareAndSet(false, true)) {
                runOnExecutor(this::drain);
            }
        }

        private void drain() {
            while (true) {
                for (Runnable r; (r = queue.poll()) != null; ) {
                    r.run();
                }
                draining.set(false);
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        void close() {
            closed = true;
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }
    }

    /** Reads a streamed answer into its {@link Stream}. */
    private static final class StreamReader extends ConnectionHandler<HttpObject> {
        private int status;
        private ByteArrayOutputStream rejectedBody;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            Stream st = ctx.channel().attr(STREAM).get();
            if (st == null || st.done) {
                return;
            }
            if (msg instanceof HttpResponse head) {
                status = head.status().code();
                rejectedBody = status == 200 ? null : new ByteArrayOutputStream();
            }
            if (msg instanceof HttpContent content) {
                byte[] bytes = ByteBufUtil.getBytes(content.content());
                if (rejectedBody != null) {
                    rejectedBody.writeBytes(bytes);
                } else if (bytes.length > 0) {
                    st.chunk(bytes);
                }
                if (msg instanceof LastHttpContent) {
                    st.done = true;
                    if (rejectedBody != null) {
                        byte[] body = rejectedBody.toByteArray();
                        int code = status;
                        st.deliver(() -> st.sink.rejected(code, body));
                    } else {
                        st.deliver(st.sink::end);
                    }
                    ctx.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Stream st = ctx.channel().attr(STREAM).get();
            if (st != null && !st.done) {
                st.done = true;
                st.deliver(() -> st.sink.failed(new ClosedChannelException()));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Stream st = ctx.channel().attr(STREAM).get();
            if (st != null && !st.done) {
                st.done = true;
                st.deliver(() -> st.sink.failed(asIo(cause)));
            }
            ctx.close();
        }
    }

    private static IOException asIo(Throwable t) {
        return t instanceof IOException io ? io : new IOException(String.valueOf(t.getMessage()), t);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}
