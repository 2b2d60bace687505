package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The store's committed changes in commit order: revisions never decrease, and within one revision (one
 * transaction) the events are in execution order with no key twice. The reference the {@link WatchChecker}
 * compares watch streams with; obtain it from a watcher of all keys from revision 1, or from acknowledged writes.
 */
public final class CommittedLog {

    private record Id(long revision, String key) {
    }

    private final List<WatchEvent> events;
    private final Map<Id, Integer> positions = new HashMap<>();

    public CommittedLog(List<WatchEvent> events) {
        this.events = List.copyOf(events);
        for (int i = 0; i < this.events.size(); i++) {
            WatchEvent e = this.events.get(i);
            if (i > 0 && e.revision() < this.events.get(i - 1).revision()) {
                throw new IllegalArgumentException("committed revisions go backwards at " + e);
            }
            if (positions.put(new Id(e.revision(), e.key()), i) != null) {
                throw new IllegalArgumentException("key " + e.key() + " changed twice at revision " + e.revision());
            }
        }
    }

    /**
     * The log implied by acknowledged writes with recorded revisions (puts, deletes that deleted a key, successful
     * compare-and-sets). Exact only when no write with an unknown outcome took effect; with unknown outcomes
     * prefer a log read from a watcher of all keys.
     */
    public static CommittedLog fromAcknowledgedWrites(History history) {
        List<WatchEvent> events = new ArrayList<>();
        for (Operation op : history.operations()) {
            long revision = RevisionFacts.writeRevision(op);
            if (revision == 0) {
                continue;
            }
            Command command = op.command();
            if (command instanceof Command.Put put) {
                events.add(WatchEvent.put(revision, put.key(), put.value()));
            } else if (command instanceof Command.Cas cas) {
                events.add(WatchEvent.put(revision, cas.key(), cas.newValue()));
            } else if (command instanceof Command.Delete delete) {
                events.add(WatchEvent.delete(revision, delete.key()));
            }
        }
        events.sort((a, b) -> Long.compare(a.revision(), b.revision()));
        return new CommittedLog(events);
    }

    /** The event's position in the log, or empty when no such event (same revision, key, type, value) was committed. */
    OptionalInt positionOf(WatchEvent event) {
        Integer position = positions.get(new Id(event.revision(), event.key()));
        if (position == null || !events.get(position).equals(event)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(position);
    }

    /** The committed events on keys in {@code range} with revisions in [{@code from}, {@code to}], in order. */
    List<WatchEvent> between(KeyRange range, long from, long to) {
        List<WatchEvent> out = new ArrayList<>();
        for (WatchEvent e : events) {
            if (e.revision() >= from && e.revision() <= to && range.contains(e.key())) {
                out.add(e);
            }
        }
        return out;
    }

    WatchEvent eventAt(int position) {
        return events.get(position);
    }

    /** The highest committed revision, or 1 (an empty store) when nothing was committed. */
    long lastRevision() {
        return events.isEmpty() ? 1 : events.get(events.size() - 1).revision();
    }
}
