package dev.keel.kvstore.watch;

import static dev.keel.kvstore.mvcc.Requests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.mvcc.MvccModel;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.TxnRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prev_kv is the key-value at revision - 1 (etcd reads it so), also when one nested txn puts a
 * key and a later sibling nested txn deletes it in the same revision; both live and caught-up
 * watchers see the same.
 */
class WatchPrevKvTest {
  @TempDir Path dir;

  @Test
  void prevKvOfADeleteAfterAPutInTheSameRevisionIsTheOlderRevision() throws Exception {
    MvccModel model = new MvccModel();
    TxnRequest putThenDelete = txn(op(txn(op(put("a", "2")))), op(txn(op(delete("a")))));
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      RecordingListener live = new RecordingListener(false);
      Watch liveWatch = store.watch(new WatchSpec(bs("a"), bs(""), 0, true, false, false), live);
      store.put(1, put("a", "1"));
      model.put(put("a", "1"));
      assertEquals(model.txn(putThenDelete), store.txn(2, putThenDelete));
      RecordingListener caughtUp = new RecordingListener(false);
      Watch pastWatch = store.watch(new WatchSpec(bs("a"), bs(""), 1, true, false, false), caughtUp);
      WatchSpec spec = new WatchSpec(bs("a"), bs(""), 2, true, false, false);
      List<Event> expected = WatchPropertyTest.expectedEvents(model, spec, 2);
      assertEquals(3, expected.size());
      assertEquals("1", expected.get(2).getPrevKv().getValue().toStringUtf8());
      for (RecordingListener listener : List.of(live, caughtUp)) {
        assertTrue(listener.awaitRevision(3, 10_000));
        List<Event> got = new ArrayList<>();
        listener.calls().forEach(got::addAll);
        assertEquals(expected, got, listener == live ? "live watcher" : "catching-up watcher");
      }
      liveWatch.close();
      pastWatch.close();
    }
  }
}
