package dev.keel.node.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One listening socket of a service port. Its backends are replaced as a whole on endpoint changes (new
 * connections see the new set, established ones are untouched); {@link #close()} closes only the listening
 * socket: accepted connections are separate channels and run until they end.
 */
final class PortListener {
    private static final Duration BIND_WAIT = Duration.ofSeconds(10);

    private final ListenAddress address;
    private volatile ListenerSpec spec;
    private volatile EndpointRing ring;
    private Channel server; // set once by bind(), before anyone else sees this listener

    private PortListener(ListenAddress address, ListenerSpec spec) {
        this.address = address;
        this.spec = spec;
        this.ring = new EndpointRing(spec.backends());
    }

    /**
     * Binds {@code address} (waits at most 10 s).
     *
     * @throws BindFailedException if the address cannot be bound (port taken, address not local)
     */
    static PortListener bind(ListenAddress address, ListenerSpec spec, EventLoopGroup group, Transport transport,
                             ServiceProxyConfig config, ProxyMetrics metrics) {
        PortListener l = new PortListener(address, spec);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Connector(l.spec.serviceKey(), () -> l.ring, config, transport,
                                metrics));
                    }
                });
        ChannelFuture f = b.bind(address.socketAddress());
        if (!f.awaitUninterruptibly(BIND_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            f.cancel(false);
            f.channel().close();
            throw new BindFailedException("binding " + address + " did not finish within " + BIND_WAIT, null);
        }
        if (!f.isSuccess()) {
            throw new BindFailedException("cannot listen on " + address + " for service " + spec.serviceKey()
                    + ": " + f.cause().getMessage(), f.cause());
        }
        l.server = f.channel();
        return l;
    }

    ListenAddress address() {
        return address;
    }

    ListenerSpec spec() {
        return spec;
    }

    /** New connections use {@code next}'s backends; no-op if they are unchanged. */
    void update(ListenerSpec next) {
        if (!next.backends().equals(spec.backends())) {
            ring = new EndpointRing(next.backends());
        }
        spec = next;
    }

    /** Stops accepting; established connections stay. */
    void close() {
        server.close().awaitUninterruptibly(BIND_WAIT.toMillis());
    }

    /** Thrown when a listener cannot bind; the proxy retries later. */
    static final class BindFailedException extends RuntimeException {
        BindFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
