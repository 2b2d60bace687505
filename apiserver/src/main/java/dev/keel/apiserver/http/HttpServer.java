package dev.keel.apiserver.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Bootstrap of one listening port: the event-loop groups and the bound channel. The pipeline is set up by
 * {@link ApiChannelInitializer}; requests are answered by {@link ApiRequestHandler}. {@link #close()} closes the
 * port and shuts the groups down gracefully, waiting a bounded time.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final String name;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    /**
     * Binds {@code host:port} (0 = a free port).
     *
     * @param tls     the server TLS context, or empty for plain HTTP
     * @param threads worker event loops (0 = Netty's default)
     */
    public HttpServer(String name, String host, int port, Optional<SslContext> tls, HandlerSettings settings,
                      int threads) {
        this.name = name;
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ApiChannelInitializer(tls, settings));
            this.channel = b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException(name + ": cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("{} listening on {}", name, channel.localAddress());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown();
        LOG.info("{} closed", name);
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
