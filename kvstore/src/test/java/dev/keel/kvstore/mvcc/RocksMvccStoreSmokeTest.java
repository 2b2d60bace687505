package dev.keel.kvstore.mvcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A walk through the basic life of a key: put, overwrite, read in the past, delete, watch, reopen. */
class RocksMvccStoreSmokeTest {
  @TempDir Path dir;

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void keyLifecycleAcrossReopen() throws Exception {
    try (RocksMvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      assertEquals(1, store.revision());
      assertEquals(2, store.put(1, PutRequest.newBuilder().setKey(bs("a")).setValue(bs("1")).build())
          .getHeader().getRevision());
      store.put(2, PutRequest.newBuilder().setKey(bs("a")).setValue(bs("2")).build());
      store.put(3, PutRequest.newBuilder().setKey(bs("b")).setValue(bs("x")).build());

      RangeResponse latest = store.range(RangeRequest.newBuilder().setKey(bs("a")).build());
      assertEquals("2", latest.getKvs(0).getValue().toStringUtf8());
      assertEquals(2, latest.getKvs(0).getVersion());
      assertEquals(2, latest.getKvs(0).getCreateRevision());
      assertEquals(3, latest.getKvs(0).getModRevision());
      assertEquals(4, latest.getHeader().getRevision());

      RangeResponse past = store.range(RangeRequest.newBuilder().setKey(bs("a")).setRevision(2).build());
      assertEquals("1", past.getKvs(0).getValue().toStringUtf8());

      RangeResponse all = store.range(RangeRequest.newBuilder().setKey(bs("\0")).setRangeEnd(bs("\0")).build());
      assertEquals(2, all.getCount());

      List<Event> seen = new CopyOnWriteArrayList<>();
      store.watch(new WatchSpec(bs("a"), ByteString.EMPTY, 2, true, false, false), new WatchListener() {
        @Override
        public void onEvents(List<Event> events) {
          seen.addAll(events);
        }

        @Override
        public void onCompacted(long compactRevision) {}
      });
      assertEquals(1, store.deleteRange(4, DeleteRangeRequest.newBuilder().setKey(bs("a")).build()).getDeleted());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(3, seen.size(), "put@2, put@3, delete@5 for key a: " + seen);
      assertEquals(Event.EventType.DELETE, seen.get(2).getType());
      assertEquals("2", seen.get(2).getPrevKv().getValue().toStringUtf8());
      assertEquals("1", seen.get(1).getPrevKv().getValue().toStringUtf8());

      store.compact(5, CompactionRequest.newBuilder().setRevision(4).build());
      assertEquals(4, store.compactRevision());
    }
    try (RocksMvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      assertEquals(5, store.revision());
      assertEquals(5, store.appliedIndex());
      assertEquals(4, store.compactRevision());
      RangeResponse atFour = store.range(RangeRequest.newBuilder().setKey(bs("a")).setRevision(4).build());
      assertEquals("2", atFour.getKvs(0).getValue().toStringUtf8());
      assertTrue(store.range(RangeRequest.newBuilder().setKey(bs("a")).build()).getKvsList().isEmpty());
      assertFalse(store.range(RangeRequest.newBuilder().setKey(bs("b")).build()).getKvsList().isEmpty());
    }
  }
}
