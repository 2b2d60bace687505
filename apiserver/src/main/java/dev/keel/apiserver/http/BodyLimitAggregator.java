package dev.keel.apiserver.http;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.status.Errors;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Aggregates request bodies up to the limit and answers larger ones with a 413 Status. */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final KubeCodec codec;

    BodyLimitAggregator(int maxBodyBytes, KubeCodec codec) {
        super(maxBodyBytes);
        this.codec = codec;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        byte[] body = codec.encode(Errors.tooLarge(maxContentLength()).status());
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        // As Netty's own aggregator: a keep-alive request keeps its connection and the rest of its body is
        // discarded; otherwise the connection closes after the answer.
        boolean close = oversized instanceof FullHttpMessage || !HttpUtil.isKeepAlive(oversized);
        r.headers().set(HttpHeaderNames.CONNECTION, close ? "close" : "keep-alive");
        var written = ctx.writeAndFlush(r);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
