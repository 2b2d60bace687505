package dev.keel.node.probe;

import dev.keel.api.core.TcpSocketAction;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tcpSocket probe: success if a TCP connection to {@code host:port} is established within the timeout;
 * the connection is closed at once. Asynchronous: no thread waits for the connect.
 */
final class TcpSocketCheck {
    private final ScheduledExecutorService timer;

    TcpSocketCheck(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    CompletableFuture<ProbeResult> run(TcpSocketAction action, ProbeTarget target, Duration timeout) {
        Optional<Integer> port = action.port() == null ? Optional.empty() : target.resolvePort(action.port());
        if (port.isEmpty()) {
            return CompletableFuture.completedFuture(new ProbeResult.Error("tcpSocket probe port " + action.port()
                    + " is not a number or a port name of container " + target.containerName()));
        }
        String host = action.host() == null || action.host().isEmpty() ? target.defaultHost() : action.host();
        String where = host + ":" + port.get();
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        AsynchronousSocketChannel ch;
        try {
            ch = AsynchronousSocketChannel.open();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new ProbeResult.Error("cannot open a socket: " + e.getMessage()));
        }
        ScheduledFuture<?> timeoutTask = timer.schedule(() -> {
            result.complete(new ProbeResult.Failure("dial tcp " + where + ": timed out after "
                    + timeout.toSeconds() + "s"));
            closeQuietly(ch);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ch.connect(new InetSocketAddress(host, port.get()), null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void v, Void a) {
                    timeoutTask.cancel(false);
                    closeQuietly(ch);
                    result.complete(new ProbeResult.Success("connected to " + where));
                }

                @Override
                public void failed(Throwable e, Void a) {
                    timeoutTask.cancel(false);
                    closeQuietly(ch);
                    result.complete(new ProbeResult.Failure("dial tcp " + where + ": " + e));
                }
            });
        } catch (RuntimeException e) { // unresolved address, unsupported address type
            timeoutTask.cancel(false);
            closeQuietly(ch);
            result.complete(new ProbeResult.Failure("dial tcp " + where + ": " + e));
        }
        return result;
    }

    private static void closeQuietly(AsynchronousSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a probe socket: nothing to do about a failure
        }
    }
}
