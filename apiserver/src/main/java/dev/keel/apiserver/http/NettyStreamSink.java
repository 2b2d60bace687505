package dev.keel.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link StreamSink} writing HTTP chunks to one connection; the response ends the connection. */
final class NettyStreamSink implements StreamSink {
    private final ChannelHandlerContext ctx;
    private final AtomicBoolean over = new AtomicBoolean();
    /** Guards {@link #onClose}; held only briefly, never while running the actions. */
    private final Object lock = new Object();
    private final List<Runnable> onClose = new ArrayList<>();

    NettyStreamSink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean send(byte[] chunk) {
        if (over.get() || !ctx.channel().isActive()) {
            return false;
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
        return true;
    }

    @Override
    public long pendingBytes() {
        var out = ctx.channel().unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    @Override
    public void end() {
        if (over.compareAndSet(false, true)) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            runOnClose();
        }
    }

    /** The connection is gone. */
    void closed() {
        over.set(true);
        runOnClose();
    }

    @Override
    public void onClose(Runnable action) {
        boolean runNow;
        synchronized (lock) {
            runNow = over.get() && onClose.isEmpty() && !ctx.channel().isActive();
            if (!runNow) {
                onClose.add(action);
            }
        }
        if (runNow) {
            action.run();
        } else if (!ctx.channel().isActive()) {
            runOnClose();
        }
    }

    @Override
    public Executor executor() {
        return ctx.executor();
    }

    private void runOnClose() {
        List<Runnable> actions;
        synchronized (lock) {
            actions = new ArrayList<>(onClose);
            onClose.clear();
        }
        actions.forEach(Runnable::run);
    }
}
