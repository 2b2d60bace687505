package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.backend.Column;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.watch.CatchUp;
import dev.keel.kvstore.watch.EventLog;
import dev.keel.kvstore.watch.RevisionEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rocksdb.RocksIterator;

/** Watch catch-up reads from the events column family, each from one snapshot. */
final class RocksEventLog implements EventLog {
  /** Runs a function on a consistent snapshot read (the store's). */
  interface SnapshotReader {
    <T> T read(Function<RocksMvccStore.Read, T> reader);
  }

  private final SnapshotReader reader;

  RocksEventLog(SnapshotReader reader) {
    this.reader = reader;
  }

  @Override
  public CatchUp read(long fromRevision, int maxRevisions, boolean withPrevKv) {
    return reader.read(read -> {
      if (fromRevision < read.compacted()) {
        return new CatchUp.Compacted(read.compacted());
      }
      long through = Math.min(read.revision(), fromRevision + maxRevisions - 1);
      List<RevisionEvents> revisions = new ArrayList<>();
      List<Event> current = new ArrayList<>();
      long currentMain = -1;
      try (RocksIterator it = read.view().iterator(Column.EVENTS)) {
        for (it.seek(new Revision(fromRevision, 0).toBytes()); it.isValid(); it.next()) {
          Revision rev = Revision.fromBytes(it.key(), 0);
          if (rev.main() > through) {
            break;
          }
          if (rev.main() != currentMain && !current.isEmpty()) {
            revisions.add(new RevisionEvents(currentMain, current));
            current = new ArrayList<>();
          }
          currentMain = rev.main();
          Event event = StoreView.parseEvent(it.value(), rev);
          if (withPrevKv) {
            event = withPrev(read.view(), event, rev);
          }
          current.add(event);
        }
      }
      if (!current.isEmpty()) {
        revisions.add(new RevisionEvents(currentMain, current));
      }
      return new CatchUp.Events(revisions, Math.max(through, fromRevision - 1));
    });
  }

  /** etcd's prev_kv is the key at main revision - 1, even if the same txn wrote it before. */
  private static Event withPrev(StoreView view, Event event, Revision rev) {
    return view.before(event.getKv().getKey(), new Revision(rev.main(), 0))
        .map(prev -> event.toBuilder().setPrevKv(prev).build())
        .orElse(event);
  }
}
