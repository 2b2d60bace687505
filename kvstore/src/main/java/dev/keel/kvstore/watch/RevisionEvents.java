package dev.keel.kvstore.watch;

import dev.keel.kvstore.proto.Event;
import java.util.List;

/** All events of one revision, in sub-revision order; live events carry their prev kv. */
public record RevisionEvents(long revision, List<Event> events) {
  public RevisionEvents {
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("revision " + revision + " has no events");
    }
  }
}
