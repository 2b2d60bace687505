package dev.keel.kvstore.replica;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Short, bounded calls on a KvService for tests. */
final class KvOps {

  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private KvOps() {}

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("call did not finish within " + TIMEOUT, e);
    }
  }

  static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static PutResponse put(KvService kv, String key, String value) {
    return await(kv.put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build()));
  }

  static PutResponse put(KvService kv, String key, String value, long lease) {
    return await(kv.put(PutRequest.newBuilder()
        .setKey(bytes(key)).setValue(bytes(value)).setLease(lease).build()));
  }

  static RangeResponse range(KvService kv, String key, boolean serializable) {
    return await(kv.range(RangeRequest.newBuilder()
        .setKey(bytes(key)).setSerializable(serializable).build()));
  }

  static Optional<String> get(KvService kv, String key, boolean serializable) {
    RangeResponse r = range(kv, key, serializable);
    return r.getKvsCount() == 0 ? Optional.empty() : Optional.of(r.getKvs(0).getValue().toStringUtf8());
  }
}
