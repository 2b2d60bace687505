package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.CheckResult;
import dev.keel.kvstore.check.Command;
import dev.keel.kvstore.check.CommittedLog;
import dev.keel.kvstore.check.History;
import dev.keel.kvstore.check.LinearizabilityChecker;
import dev.keel.kvstore.check.Operation;
import dev.keel.kvstore.check.Outcome;
import dev.keel.kvstore.check.WatchChecker;
import dev.keel.kvstore.check.WatchEvent;
import dev.keel.kvstore.check.WatchSession;
import dev.keel.kvstore.check.WatchViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdicts on one run's data: the history is linearizable, every acknowledged write is in the
 * final committed log at its revision, all members hold the same state and event history, and
 * every watch kept etcd's six guarantees against that log.
 */
final class RunChecks {

  private static final int MAX_LISTED = 10;

  private final History history;
  private final List<WatchSession> sessions;
  private final List<MemberState> members;
  private final Duration budget;
  private final List<String> problems = new ArrayList<>();
  private String linearizability = "not checked";

  RunChecks(History history, List<WatchSession> sessions, List<MemberState> members, Duration budget) {
    this.history = history;
    this.sessions = sessions;
    this.members = members;
    this.budget = budget;
  }

  /** Runs every check; returns the problems found (empty: passed). */
  List<String> run() {
    checkConvergence();
    checkAcknowledgedWrites();
    checkLinearizability();
    checkWatches();
    return List.copyOf(problems);
  }

  private void checkConvergence() {
    MemberState first = members.get(0);
    for (MemberState other : members.subList(1, members.size())) {
      if (other.revision() != first.revision() || !other.kvs().equals(first.kvs())) {
        problems.add("members diverge: " + first.member() + " at revision " + first.revision()
            + " holds " + first.kvs().size() + " keys (hash " + first.stateHash() + "), "
            + other.member() + " at revision " + other.revision() + " holds " + other.kvs().size()
            + " keys (hash " + other.stateHash() + ")\n" + first.member() + ": " + kvText(first)
            + "\n" + other.member() + ": " + kvText(other));
      }
      if (!other.events().equals(first.events())) {
        problems.add("event histories diverge between " + first.member() + " and " + other.member()
            + ": " + firstDifference(first.events(), other.events()));
      }
    }
  }

  private static String kvText(MemberState s) {
    StringBuilder out = new StringBuilder();
    s.kvs().forEach(kv -> out.append(kv.getKey().toStringUtf8()).append('=')
        .append(kv.getValue().toStringUtf8()).append('@').append(kv.getModRevision()).append(' '));
    return out.toString();
  }

  private static String firstDifference(List<WatchEvent> a, List<WatchEvent> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "event " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return "lengths " + a.size() + " vs " + b.size();
  }

  private void checkAcknowledgedWrites() {
    Map<String, WatchEvent> byRevisionAndKey = new HashMap<>();
    for (WatchEvent e : members.get(0).events()) {
      byRevisionAndKey.put(e.revision() + "/" + e.key(), e);
    }
    List<String> lost = new ArrayList<>();
    for (Operation op : history.operations()) {
      Optional<WatchEvent> expected = expectedEvent(op);
      if (expected.isPresent()) {
        WatchEvent want = expected.get();
        WatchEvent got = byRevisionAndKey.get(want.revision() + "/" + want.key());
        if (!want.equals(got)) {
          lost.add("operation " + op.id() + " (process " + op.process() + ") " + op.command()
              + " -> " + op.outcome() + ": committed log has " + got);
        }
      }
    }
    if (!lost.isEmpty()) {
      problems.add(lost.size() + " acknowledged write(s) missing from the final committed log of "
          + members.get(0).member() + ":\n  " + String.join("\n  ", lost.subList(0,
              Math.min(MAX_LISTED, lost.size()))));
    }
  }

  /** The event an acknowledged write must have left, if the operation is one. */
  private static Optional<WatchEvent> expectedEvent(Operation op) {
    Outcome outcome = op.outcome();
    Command command = op.command();
    if (outcome instanceof Outcome.PutOk ok && command instanceof Command.Put put) {
      return Optional.of(WatchEvent.put(ok.revision(), put.key(), put.value()));
    }
    if (outcome instanceof Outcome.CasOk ok && ok.succeeded() && command instanceof Command.Cas cas) {
      return Optional.of(WatchEvent.put(ok.revision(), cas.key(), cas.newValue()));
    }
    if (outcome instanceof Outcome.DeleteOk ok && ok.deleted() == 1
        && command instanceof Command.Delete delete) {
      return Optional.of(WatchEvent.delete(ok.revision(), delete.key()));
    }
    return Optional.empty();
  }

  private void checkLinearizability() {
    CheckResult result = new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(budget))
        .check(history);
    if (result instanceof CheckResult.Violated violated) {
      linearizability = "VIOLATED";
      problems.add("history is not linearizable:\n" + violated.report());
    } else if (result instanceof CheckResult.Inconclusive inconclusive) {
      linearizability = "inconclusive";
      problems.add("linearizability check inconclusive within " + budget.toSeconds() + " s for keys "
          + inconclusive.keysGivenUp() + ": " + inconclusive.why());
    } else if (result instanceof CheckResult.Passed passed) {
      linearizability = "linearizable (" + passed.keys() + " keys, "
          + passed.elapsedNanos() / 1_000_000 + " ms)";
    }
  }

  private void checkWatches() {
    List<WatchViolation> violations =
        new WatchChecker(new CommittedLog(members.get(0).events())).check(sessions);
    if (!violations.isEmpty()) {
      List<String> lines = violations.stream().limit(MAX_LISTED).map(WatchViolation::toString).toList();
      problems.add(violations.size() + " watch guarantee violation(s):\n  " + String.join("\n  ", lines));
    }
  }

  /** Counts for the report. */
  String summary() {
    long unknown = history.operations().stream().filter(Operation::isUnknown).count();
    long failed = history.operations().stream().filter(Operation::isFailed).count();
    long streams = sessions.stream().mapToLong(s -> s.streams().size()).sum();
    long served = sessions.stream().flatMap(s -> s.streams().stream())
        .filter(s -> !s.responses().isEmpty()).count();
    MemberState first = members.get(0);
    return history.size() + " operations (" + failed + " failed, " + unknown + " unknown), "
        + "history " + linearizability + "; " + sessions.size() + " watchers over " + streams
        + " streams (" + served + " with responses); final revision " + first.revision() + ", " + first.events().size()
        + " events, state hash " + first.stateHash();
  }
}
