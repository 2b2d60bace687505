package dev.keel.bench.kv;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compare-and-swap, the way Kubernetes updates objects: {@code if mod_revision(key) == seen then
 * put(key) else get(key)}, where {@code seen} is the last mod revision this run saw for the key
 * (0 at first, which matches a missing key). Either branch teaches the run the key's new mod
 * revision, so a failed swap succeeds next time unless another client got there first.
 */
final class CasOperation implements Operation {
  private final Keys keys;
  /** Last mod revision seen per key number. */
  private final AtomicLongArray seen;
  private final LongAdder swapped = new LongAdder();
  private final LongAdder conflicts = new LongAdder();

  CasOperation(Keys keys) {
    this.keys = keys;
    this.seen = new AtomicLongArray(keys.keySpace());
  }

  @Override
  public CompletableFuture<?> start(KvClient client, SplittableRandom random) {
    int n = random.nextInt(keys.keySpace());
    ByteString key = keys.key(n);
    long expected = seen.get(n);
    TxnRequest txn = TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder()
            .setKey(key)
            .setTarget(Compare.CompareTarget.MOD)
            .setResult(Compare.CompareResult.EQUAL)
            .setModRevision(expected))
        .addSuccess(RequestOp.newBuilder().setRequestPut(
            PutRequest.newBuilder().setKey(key).setValue(keys.value())))
        .addFailure(RequestOp.newBuilder().setRequestRange(
            RangeRequest.newBuilder().setKey(key)))
        .build();
    return client.txnAsync(txn).thenAccept(reply -> learn(n, expected, reply));
  }

  private void learn(int n, long expected, TxnResponse reply) {
    long now;
    if (reply.getSucceeded()) {
      swapped.increment();
      now = reply.getHeader().getRevision();
    } else {
      conflicts.increment();
      RangeResponse range = reply.getResponses(0).getResponseRange();
      now = range.getKvsCount() == 0 ? 0 : range.getKvs(0).getModRevision();
    }
    // Only move forward: a slower reply must not bring back an older revision.
    long current = expected;
    while (now > current && !seen.compareAndSet(n, current, now)) {
      current = seen.get(n);
    }
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("cas-succeeded", swapped.sum());
    m.put("cas-failed", conflicts.sum());
    return m;
  }
}
