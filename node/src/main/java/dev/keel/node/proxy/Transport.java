package dev.keel.node.proxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The Netty classes of a {@link ProxyTransport}, resolved once ({@code AUTO} becomes epoll or NIO). */
record Transport(String name, IoHandlerFactory ioHandler, Class<? extends ServerChannel> serverChannel,
                 Class<? extends SocketChannel> socketChannel) {

    static Transport of(ProxyTransport t) {
        boolean epoll = t == ProxyTransport.EPOLL || t == ProxyTransport.AUTO && Epoll.isAvailable();
        if (epoll) {
            if (!Epoll.isAvailable()) {
                throw new IllegalStateException("the epoll transport was asked for but is not available here: "
                        + Epoll.unavailabilityCause());
            }
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
