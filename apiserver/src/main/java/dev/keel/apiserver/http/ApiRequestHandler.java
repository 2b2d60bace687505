package dev.keel.apiserver.http;

import dev.keel.apiserver.auth.User;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Per-connection request handling: authenticate, hand the request to the dispatcher, and write the answer when it
 * completes (on whatever thread completes it; Netty queues the write on the event loop). The event loop never waits.
 *
 * <p>Reading is paused while a request is in flight, so pipelined requests are answered in order; a streamed
 * response turns reading back on, to notice when the client goes away.
 */
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);

    private final HandlerSettings settings;
    /** The open streamed response of this connection, if any; touched on the event loop only. */
    private NettyStreamSink stream;

    ApiRequestHandler(HandlerSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (stream != null) {
            return; // a request on a connection that is streaming: ignore it, as the stream owns the connection
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        ApiRequest request;
        try {
            request = decode(msg);
        } catch (ApiException e) {
            writeError(ctx, e, keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<ApiResponse> answer;
        try {
            answer = settings.dispatcher().dispatch(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                ApiException e = Errors.from(failure);
                if (Errors.isInternal(e)) {
                    LOG.warn("{} {}: internal error", request.method(), request.path(), Errors.unwrap(failure));
                }
                writeError(ctx, e, keepAlive);
            } else if (response instanceof ApiResponse.Full full) {
                write(ctx, full, keepAlive);
            } else if (response instanceof ApiResponse.Streamed streamed) {
                ctx.executor().execute(() -> startStream(ctx, streamed));
            }
        });
    }

    private ApiRequest decode(FullHttpRequest msg) {
        if (!msg.decoderResult().isSuccess()) {
            throw Errors.badRequest("malformed HTTP request: " + msg.decoderResult().cause());
        }
        QueryStringDecoder q;
        try {
            q = new QueryStringDecoder(msg.uri());
            q.parameters();
        } catch (IllegalArgumentException e) {
            throw Errors.badRequest("malformed request URI: " + e.getMessage());
        }
        String path = q.rawPath();
        User user = authenticate(path, msg.headers().get(HttpHeaderNames.AUTHORIZATION));
        byte[] body = ByteBufUtil.getBytes(msg.content());
        return new ApiRequest(msg.method().name(), path, q.parameters(), msg.headers(), body, user);
    }

    private User authenticate(String path, String authorization) {
        if (settings.authenticator().isEmpty()) {
            return User.LOOPBACK_ADMIN;
        }
        Optional<User> user = settings.authenticator().get().authenticate(authorization);
        if (user.isPresent()) {
            return user.get();
        }
        if (authorization == null && settings.publicPaths().contains(path)) {
            return new User("system:anonymous", "", java.util.List.of("system:unauthenticated"));
        }
        throw Errors.unauthorized();
    }

    private void writeError(ChannelHandlerContext ctx, ApiException e, boolean keepAlive) {
        write(ctx, ApiResponse.json(e.code(), settings.codec().encode(e.status())), keepAlive);
    }

    private void write(ChannelHandlerContext ctx, ApiResponse.Full full, boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(full.code()),
                Unpooled.wrappedBuffer(full.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, full.contentType());
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, full.body().length);
        for (Map.Entry<String, String> h : full.headers().entrySet()) {
            r.headers().set(h.getKey(), h.getValue());
        }
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(r);
        if (keepAlive) {
            f.addListener(done -> ctx.channel().config().setAutoRead(true));
        } else {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void startStream(ChannelHandlerContext ctx, ApiResponse.Streamed streamed) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, streamed.contentType());
        r.headers().set("Cache-Control", "no-cache, private");
        HttpUtil.setTransferEncodingChunked(r, true);
        ctx.writeAndFlush(r);
        stream = new NettyStreamSink(ctx);
        ctx.channel().config().setAutoRead(true);
        try {
            streamed.stream().open(stream);
        } catch (RuntimeException e) {
            LOG.warn("opening a stream failed", e);
            stream.end();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (stream != null) {
            stream.closed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
