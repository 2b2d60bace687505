package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cheap checks that use etcd's revisions, which totally order the writes: every write that changes the store
 * bumps the global revision by exactly one, and a read is served at one store revision (its header revision).
 * Revisions recorded as 0 are skipped.
 * <ul>
 *   <li><b>revision reused</b>: two acknowledged writes returned the same revision;</li>
 *   <li><b>revision order</b>: an operation that started after another finished saw a lower revision (a write
 *       must see a strictly higher one);</li>
 *   <li><b>read revision</b>: a read returned a mod revision above its own header revision, or a mod revision
 *       that belongs to a known write of another key or value;</li>
 *   <li><b>stale snapshot</b>: a read served at revision R missed a known write to that key at a revision in
 *       (mod revision, R], or found a key absent that a known write had set at or before R with no delete in
 *       between that could explain it. For a range read this checks that all its keys come from the one
 *       snapshot at its header revision, which the per-key search cannot see.</li>
 * </ul>
 */
final class RevisionChecker {

    private static final int MAX_ANOMALIES = 20;

    private final History history;
    private final OperationFormatter formatter;
    private final List<Anomaly> anomalies = new ArrayList<>();
    /** Acknowledged writes by the revision they returned. */
    private final Map<Long, Operation> writesByRevision = new HashMap<>();
    /** Acknowledged writes of each key, by revision. */
    private final Map<String, NavigableMap<Long, Operation>> writesByKey = new HashMap<>();
    /** Keys that a delete with no recorded revision (unknown outcome, or not recorded) may have removed. */
    private final Set<String> keysWithUntimedDeletes = new HashSet<>();

    RevisionChecker(History history) {
        this.history = history;
        this.formatter = new OperationFormatter(history.startNanos());
    }

    List<Anomaly> check() {
        indexWrites();
        checkRealTimeOrder();
        for (Operation op : history.operations()) {
            checkRead(op);
        }
        return List.copyOf(anomalies);
    }

    private void indexWrites() {
        for (Operation op : history.operations()) {
            if (op.isFailed() || op.command() instanceof Command.Get || op.command() instanceof Command.Range) {
                continue;
            }
            long revision = RevisionFacts.writeRevision(op);
            String key = KeyPartitioner.keyOf(op.command());
            if (op.command() instanceof Command.Delete && (op.isUnknown() || revision == 0)) {
                keysWithUntimedDeletes.add(key);
            }
            if (revision == 0) {
                continue;
            }
            Operation other = writesByRevision.putIfAbsent(revision, op);
            if (other != null) {
                report("revision reused", key, "two acknowledged writes returned revision " + revision,
                        other, op);
            }
            writesByKey.computeIfAbsent(key, k -> new TreeMap<>()).put(revision, op);
        }
    }

    private void checkRealTimeOrder() {
        List<Operation> timed = new ArrayList<>(history.operations().stream()
                .filter(op -> RevisionFacts.observedRevision(op) != 0).toList());
        timed.sort(Comparator.comparingLong(Operation::invokeNanos));
        List<Operation> byReturn = new ArrayList<>(timed);
        byReturn.sort(Comparator.comparingLong(Operation::returnNanos));
        int returned = 0;
        Operation highest = null;
        for (Operation op : timed) {
            while (returned < byReturn.size() && byReturn.get(returned).returnNanos() < op.invokeNanos()) {
                Operation done = byReturn.get(returned++);
                if (highest == null || RevisionFacts.observedRevision(done) > RevisionFacts.observedRevision(highest)) {
                    highest = done;
                }
            }
            if (highest == null) {
                continue;
            }
            long before = RevisionFacts.observedRevision(highest);
            long mine = RevisionFacts.observedRevision(op);
            boolean write = RevisionFacts.writeRevision(op) != 0;
            if (mine < before || (write && mine == before)) {
                report("revision order", "*", "#" + op.id() + " started after #" + highest.id() + " returned with "
                        + "revision " + before + ", yet " + (write ? "wrote at" : "was served at") + " revision "
                        + mine, highest, op);
            }
        }
    }

    private void checkRead(Operation op) {
        if (op.outcome() instanceof Outcome.ReadOk ok) {
            checkKeyRead(op, ((Command.Get) op.command()).key(), ok.value(), ok.revision());
        } else if (op.outcome() instanceof Outcome.RangeOk ok) {
            for (String key : ((Command.Range) op.command()).keys()) {
                checkKeyRead(op, key, Optional.ofNullable(ok.values().get(key)), ok.revision());
            }
        }
    }

    private void checkKeyRead(Operation read, String key, Optional<Versioned> seen, long servedAt) {
        NavigableMap<Long, Operation> writes = writesByKey.getOrDefault(key, new TreeMap<>());
        long modRevision = seen.map(Versioned::modRevision).orElse(0L);
        if (seen.isPresent() && modRevision != 0) {
            Operation writer = writesByRevision.get(modRevision);
            if (servedAt != 0 && modRevision > servedAt) {
                report("read revision", key, "#" + read.id() + " read " + key + " with mod revision "
                        + modRevision + " above its header revision " + servedAt, read);
            } else if (writer != null && !RevisionFacts.wrote(writer, key, seen.get().value())) {
                report("read revision", key, "#" + read.id() + " read " + key + "=" + seen.get() + " but revision "
                        + modRevision + " was written by #" + writer.id(), writer, read);
            }
        }
        if (servedAt == 0) {
            return;
        }
        if (seen.isPresent() && modRevision != 0) {
            Map.Entry<Long, Operation> missed = writes.higherEntry(modRevision);
            if (missed != null && missed.getKey() <= servedAt) {
                report("stale snapshot", key, "#" + read.id() + " was served at revision " + servedAt + " but read "
                        + key + " as of revision " + modRevision + ", missing #" + missed.getValue().id()
                        + " at revision " + missed.getKey(), missed.getValue(), read);
            }
        } else if (seen.isEmpty() && !keysWithUntimedDeletes.contains(key)) {
            Map.Entry<Long, Operation> last = writes.floorEntry(servedAt);
            if (last != null && !(last.getValue().command() instanceof Command.Delete)) {
                report("stale snapshot", key, "#" + read.id() + " found " + key + " absent at revision " + servedAt
                        + " but #" + last.getValue().id() + " set it at revision " + last.getKey()
                        + " and no delete can explain it", last.getValue(), read);
            }
        }
    }

    private void report(String kind, String key, String what, Operation... ops) {
        if (anomalies.size() >= MAX_ANOMALIES) {
            return;
        }
        StringBuilder text = new StringBuilder(what).append('\n').append(OperationFormatter.HEADER);
        for (Operation op : ops) {
            text.append('\n').append(formatter.line(op));
        }
        anomalies.add(new Anomaly(kind, key, text.toString()));
    }
}
