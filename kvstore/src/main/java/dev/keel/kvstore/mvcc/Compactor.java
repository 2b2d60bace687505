package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.backend.Column;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * Removes history that no read at or above the compaction revision C can see.
 *
 * <p>For each key, the newest entry at or below C is what a read at C sees: it is kept when it is
 * a put (with its event, which holds the value), or when it is a tombstone at exactly C (watchers
 * starting at C must see that deletion). Every older entry, and a tombstone below C, is deleted
 * with its event. Entries above C are untouched. Example, C = 5: key a with put@2, put@4, put@7
 * keeps put@4 and put@7; key b with put@1, delete@3 loses both; key c with put@5 keeps put@5.
 */
final class Compactor {
  private Compactor() {}

  /** Stages the deletions into {@code batch}; returns how many history entries go. */
  static int compact(StoreView view, WriteBatchWithIndex batch, long compactRevision) {
    List<byte[]> doomed = new ArrayList<>();
    try (RocksIterator it = view.iterator(Column.HISTORY)) {
      ByteString groupKey = null;
      byte[] keptCandidate = null;
      boolean keptIsPut = false;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        Revision rev = Layout.historyRevision(key);
        ByteString user = Layout.historyUserKey(key);
        if (!user.equals(groupKey)) {
          finishGroup(doomed, keptCandidate, keptIsPut, compactRevision);
          groupKey = user;
          keptCandidate = null;
        }
        if (rev.main() > compactRevision) {
          continue;
        }
        if (keptCandidate != null) {
          doomed.add(keptCandidate); // superseded by a newer entry at or below C
        }
        keptCandidate = key;
        keptIsPut = it.value()[0] == Layout.PUT;
      }
      finishGroup(doomed, keptCandidate, keptIsPut, compactRevision);
    }
    try {
      for (byte[] key : doomed) {
        batch.delete(view.handleOf(Column.HISTORY), key);
        batch.delete(view.handleOf(Column.EVENTS), Layout.historyRevision(key).toBytes());
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("staging compaction at revision " + compactRevision, e);
    }
    return doomed.size();
  }

  private static void finishGroup(List<byte[]> doomed, byte[] kept, boolean keptIsPut, long c) {
    if (kept != null && !keptIsPut && Layout.historyRevision(kept).main() < c) {
      doomed.add(kept);
    }
  }
}
