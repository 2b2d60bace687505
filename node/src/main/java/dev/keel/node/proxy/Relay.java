package dev.keel.node.proxy;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves bytes read on one channel to its peer (one instance per direction of a proxied connection; both channels
 * are on the same event loop, so no locking).
 *
 * <p>Back-pressure: after a read batch the peer is flushed; while the peer is not writable (its outbound buffer
 * is over the high water mark) this side stops reading, and resumes when the peer drains below the low mark.
 * Half-close: end of input on this side becomes a shutdown of the peer's output once everything before it has
 * been written; when both directions have ended, both channels close. A reset or error closes both.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final Channel peer;
    private final Counter bytes;
    private final Counter errors;

    Relay(Channel peer, Counter bytes, Counter errors) {
        this.peer = peer;
        this.bytes = bytes;
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        bytes.increment(buf.readableBytes());
        peer.write(buf).addListener(closeBothOnFailure(ctx.channel()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** This side drained: let the peer (which writes to us) read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            Channel self = ctx.channel();
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    closeBoth(self);
                    return;
                }
                DuplexChannel p = (DuplexChannel) peer;
                p.shutdownOutput().addListener((ChannelFutureListener) g -> {
                    if (!g.isSuccess() || p.isInputShutdown()) {
                        closeBoth(self); // both directions are done (or the peer is gone)
                    }
                });
            });
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("proxied connection {} failed: {}", ctx.channel(), cause.toString());
        errors.increment();
        closeBoth(ctx.channel());
    }

    private ChannelFutureListener closeBothOnFailure(Channel self) {
        return f -> {
            if (!f.isSuccess()) {
                log.debug("write to {} failed: {}", peer, f.cause() == null ? "" : f.cause().toString());
                errors.increment();
                closeBoth(self);
            }
        };
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }
}
