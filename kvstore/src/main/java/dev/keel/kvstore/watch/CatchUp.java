package dev.keel.kvstore.watch;

import java.util.List;

/** What a catch-up read from the events log found. */
public sealed interface CatchUp {

  /**
   * Events of whole revisions from the requested start through {@code readThrough} (revisions
   * without events do not appear).
   */
  record Events(List<RevisionEvents> revisions, long readThrough) implements CatchUp {
    public Events {
      revisions = List.copyOf(revisions);
    }
  }

  /** The requested start is below the compacted revision. */
  record Compacted(long compactRevision) implements CatchUp {}
}
