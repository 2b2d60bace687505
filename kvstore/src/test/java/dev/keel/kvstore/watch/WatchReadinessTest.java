package dev.keel.kvstore.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener that says it is not ready (a full network buffer) holds nothing up: writes go on,
 * the store keeps the events back, and once the listener is ready it gets every event once, in
 * order, without a call while it was not ready.
 */
class WatchReadinessTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void notReadyListenerCatchesUpLaterWithoutBlockingWriters() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    AtomicInteger callsWhileNotReady = new AtomicInteger();
    List<Long> revisions = new CopyOnWriteArrayList<>();
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvents(List<Event> events) {
        if (!ready.get()) {
          callsWhileNotReady.incrementAndGet();
        }
        for (Event event : events) {
          revisions.add(event.getKv().getModRevision());
        }
      }

      @Override
      public void onCompacted(long compactRevision) {
        throw new AssertionError("no compaction here");
      }

      @Override
      public boolean ready() {
        return ready.get();
      }
    };
    try (RocksMvccStore store = RocksMvccStore.open(StoreConfig.of(dir).withWatchBufferRevisions(2))) {
      store.watch(WatchSpec.all(0), listener);
      // A writer blocked by the listener would never finish this loop (the @Timeout ends it).
      for (int i = 1; i <= 200; i++) {
        store.put(i, PutRequest.newBuilder()
            .setKey(ByteString.copyFromUtf8("k" + (i % 7)))
            .setValue(ByteString.copyFromUtf8("v" + i))
            .build());
      }
      assertTrue(revisions.isEmpty(), "nothing is delivered while not ready: " + revisions);

      ready.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (revisions.size() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      List<Long> expected = new ArrayList<>();
      for (long rev = 2; rev <= 201; rev++) {
        expected.add(rev);
      }
      assertEquals(expected, revisions);
      assertEquals(0, callsWhileNotReady.get());
    }
  }
}
