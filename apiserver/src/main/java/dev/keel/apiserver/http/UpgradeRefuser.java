package dev.keel.apiserver.http;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.status.Errors;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers WebSocket upgrade requests with 503 before the body aggregator sees them: the HTTP decoder treats what
 * follows a WebSocket handshake as an open-ended body, so aggregation would wait forever. Clients that try
 * WebSocket watches first (fabric8) fall back to HTTP streaming on a 503. The connection is closed after. Other
 * upgrades (the JDK client's {@code h2c}) are ignored, as HTTP/1.1 allows, and the request is served normally.
 */
final class UpgradeRefuser extends ChannelInboundHandlerAdapter {
    private final KubeCodec codec;
    private boolean refusing;

    UpgradeRefuser(KubeCodec codec) {
        this.codec = codec;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && "websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            refusing = true;
            ReferenceCountUtil.release(msg);
            byte[] body = codec.encode(Errors.unavailable("WebSocket is not served; watches are HTTP streams")
                    .status());
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else if (refusing) {
            ReferenceCountUtil.release(msg); // the rest of a refused request
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
