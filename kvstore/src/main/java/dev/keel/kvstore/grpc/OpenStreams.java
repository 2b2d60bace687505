package dev.keel.kvstore.grpc;

import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The long-lived streams (watch, keep-alive) open on a server, so that closing the server can end
 * them with "etcdserver: server stopped" (UNAVAILABLE): etcd clients then resume on another
 * endpoint, whereas a plain transport cancel reads as CANCELLED, which Go clients treat as final.
 */
final class OpenStreams {
  private final Set<Consumer<StatusRuntimeException>> stoppers = ConcurrentHashMap.newKeySet();

  /** Registers a stream's stop action; run the returned action when the stream ends. */
  Runnable register(Consumer<StatusRuntimeException> stopper) {
    stoppers.add(stopper);
    return () -> stoppers.remove(stopper);
  }

  /** Ends every registered stream with {@code status}. */
  void stopAll(StatusRuntimeException status) {
    for (Consumer<StatusRuntimeException> stopper : List.copyOf(stoppers)) {
      stopper.accept(status);
    }
  }
}
