package dev.keel.kvstore.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.grpc.EtcdGrpcServer;
import dev.keel.kvstore.proto.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link KvClientTest}'s tests over "inprocess:" endpoints, which call the servers' services
 * directly in this JVM (no gRPC call, no transport).
 */
class KvClientDirectTest extends KvClientTest {
  @Override
  String endpoint(EtcdGrpcServer server) {
    return server.inProcessEndpoint();
  }

  @Override
  String unservedEndpoint(int port) {
    return "inprocess:keel-etcd-" + port;
  }

  @Test
  void watchEventsArriveOnTheClientsCallbackThreads() throws Exception {
    CompletableFuture<String> thread = new CompletableFuture<>();
    CompletableFuture<Long> created = new CompletableFuture<>();
    KvWatchListener listener = new KvWatchListener() {
      @Override
      public void onCreated(long revision) {
        created.complete(revision);
      }

      @Override
      public void onCompacted(long compactRevision) {
        thread.completeExceptionally(new AssertionError("compacted"));
      }

      @Override
      public void onEvents(long revision, List<Event> events) {
        thread.complete(Thread.currentThread().getName());
      }

      @Override
      public void onError(Throwable t) {
        thread.completeExceptionally(t);
      }
    };
    try (KvWatch watch = client.watch(WatchOptions.key(ByteString.copyFromUtf8("t")), listener)) {
      created.get(5, TimeUnit.SECONDS);
      client.put(ByteString.copyFromUtf8("t"), ByteString.copyFromUtf8("v"));
      String name = thread.get(5, TimeUnit.SECONDS);
      assertTrue(name.startsWith("keel-kvclient-callback-"), name);
    }
  }
}
