package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks what watches received against the committed log, for etcd's six watch guarantees (see
 * {@link WatchGuarantee}). Each stream is checked on its own by {@link StreamChecker}; a {@link WatchSession}
 * of resumed streams is then checked as one continuous watch:
 * <ul>
 *   <li>each resumed stream starts at the revision after the last one its predecessor received (last event or
 *       progress revision) and watches the same range;</li>
 *   <li>across the whole session no committed event is lost and none is delivered by two streams.</li>
 * </ul>
 * A session stops being checked as one watch at a compaction cancel: a client must list again after that.
 * An empty result means every guarantee held.
 */
public final class WatchChecker {

    private final CommittedLog log;

    public WatchChecker(CommittedLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    public List<WatchViolation> check(List<WatchSession> sessions) {
        List<WatchViolation> violations = new ArrayList<>();
        for (WatchSession session : sessions) {
            violations.addAll(check(session));
        }
        return violations;
    }

    public List<WatchViolation> check(WatchSession session) {
        List<WatchViolation> violations = new ArrayList<>();
        List<StreamChecker.Result> results = new ArrayList<>();
        for (WatchStream stream : session.streams()) {
            StreamChecker.Result result = new StreamChecker(log, stream).check();
            violations.addAll(result.violations());
            results.add(result);
        }
        violations.addAll(checkContinuity(session, results));
        return violations;
    }

    private List<WatchViolation> checkContinuity(WatchSession session, List<StreamChecker.Result> results) {
        List<WatchViolation> violations = new ArrayList<>();
        List<WatchStream> streams = session.streams();
        Set<WatchEvent> seen = new HashSet<>(results.get(0).delivered());
        long resumeAt = resumePoint(streams.get(0), results.get(0));
        int last = 0;
        for (int i = 1; i < streams.size() && !results.get(i - 1).compacted(); i++) {
            WatchStream stream = streams.get(i);
            if (!stream.range().equals(streams.get(0).range())) {
                violations.add(violation(session, "stream " + stream.name() + " watches " + stream.range()
                        + ", not " + streams.get(0).range()));
            }
            if (stream.startRevision() != resumeAt) {
                violations.add(violation(session, "stream " + stream.name() + " resumed from revision "
                        + stream.startRevision() + ", not " + resumeAt + " (the revision after the last received)"));
            }
            for (WatchEvent event : results.get(i).received()) {
                if (!seen.add(event)) {
                    violations.add(violation(session, event + " was delivered again after resuming, by "
                            + stream.name()));
                }
            }
            resumeAt = Math.max(resumeAt, resumePoint(stream, results.get(i)));
            last = i;
        }
        long lastDelivered = seen.stream().mapToLong(WatchEvent::revision).max().orElse(0);
        List<WatchEvent> lost = log.between(streams.get(0).range(), streams.get(0).startRevision(), lastDelivered)
                .stream().filter(e -> !seen.contains(e)).toList();
        if (last > 0 && !lost.isEmpty()) {
            violations.add(violation(session, lost.size() + " committed event(s) were lost across "
                    + (last + 1) + " resumed streams, first " + lost.get(0)));
        }
        return violations;
    }

    private static long resumePoint(WatchStream stream, StreamChecker.Result result) {
        return Math.max(stream.startRevision(), result.lastReceived() + 1);
    }

    private static WatchViolation violation(WatchSession session, String detail) {
        return new WatchViolation(WatchGuarantee.RESUMABLE, session.name(), detail);
    }
}
