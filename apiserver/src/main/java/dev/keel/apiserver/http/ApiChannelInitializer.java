package dev.keel.apiserver.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;

import java.util.Optional;

/**
 * Pipeline order: TLS (when configured), HTTP codec, gzip of whole responses, refusal of protocol upgrades, body aggregation with the size
 * limit, the API handler.
 */
final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Optional<SslContext> tls;
    private final HandlerSettings settings;

    ApiChannelInitializer(Optional<SslContext> tls, HandlerSettings settings) {
        this.tls = tls;
        this.settings = settings;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        tls.ifPresent(ctx -> p.addLast("tls", ctx.newHandler(ch.alloc())));
        p.addLast("http", new HttpServerCodec());
        p.addLast("gzip", new ResponseCompressor());
        p.addLast("upgrades", new UpgradeRefuser(settings.codec()));
        p.addLast("aggregate", new BodyLimitAggregator(settings.maxBodyBytes(), settings.codec()));
        p.addLast("api", new ApiRequestHandler(settings));
    }
}
