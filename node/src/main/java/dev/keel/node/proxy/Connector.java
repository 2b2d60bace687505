package dev.keel.node.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * Handles one accepted client connection of a listener: picks backends from the listener's current
 * {@link EndpointRing} (read once, at accept: later endpoint changes do not touch this connection), connects to
 * the first that accepts, trying the next on refusal or connect timeout, and then joins the two channels with a
 * {@link Relay} per direction. The client is not read from until a backend is connected; if none accepts, the
 * client is closed.
 *
 * <p>The backend channel is registered on the client's event loop, so a connection's two halves never need a lock.
 */
final class Connector extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    private final String service;
    private final Supplier<EndpointRing> ring;
    private final ServiceProxyConfig config;
    private final Transport transport;
    private final ProxyMetrics metrics;

    Connector(String service, Supplier<EndpointRing> ring, ServiceProxyConfig config, Transport transport,
              ProxyMetrics metrics) {
        this.service = service;
        this.ring = ring;
        this.config = config;
        this.transport = transport;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        metrics.connections(service).increment();
        List<InetSocketAddress> attempts = ring.get().nextAttempts(config.maxConnectAttempts());
        if (attempts.isEmpty()) {
            metrics.errors(service, "no_endpoints").increment();
            log.debug("{}: no ready endpoint for {}", service, client.remoteAddress());
            client.close();
            return;
        }
        connect(client, attempts, 0);
    }

    private void connect(Channel client, List<InetSocketAddress> attempts, int i) {
        if (!client.isActive()) {
            return;
        }
        if (i >= attempts.size()) {
            metrics.errors(service, "unavailable").increment();
            log.info("{}: no endpoint accepted a connection (tried {})", service, attempts);
            client.close();
            return;
        }
        InetSocketAddress backend = attempts.get(i);
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // the relay is added once connected
                    }
                });
        b.connect(backend).addListener((ChannelFutureListener) f -> connected(client, attempts, i, f));
    }

    private void connected(Channel client, List<InetSocketAddress> attempts, int i, ChannelFuture f) {
        if (!f.isSuccess()) {
            metrics.errors(service, "refused").increment();
            log.debug("{}: endpoint {} did not accept: {}", service, attempts.get(i), f.cause().toString());
            connect(client, attempts, i + 1);
            return;
        }
        Channel backend = f.channel();
        if (!client.isActive()) {
            backend.close();
            return;
        }
        client.pipeline().remove(this);
        client.pipeline().addLast(new Relay(backend, metrics.bytesIn(service), metrics.errors(service, "io")));
        backend.pipeline().addLast(new Relay(client, metrics.bytesOut(service), metrics.errors(service, "io")));
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: client {} failed before a backend was chosen: {}", service, ctx.channel(), cause.toString());
        ctx.close();
    }
}
