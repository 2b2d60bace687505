package dev.keel.kvstore.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Jepsen-style property: a random client workload under a random fault schedule (kills, pauses,
 * partitions, bridges, membership changes, snapshot catch-up) against three replica processes
 * yields a linearizable history, watches that keep etcd's six guarantees, no lost acknowledged
 * write after every member was SIGKILLed and restarted, and members that converge to one state.
 *
 * <p>Each try is one {@link FaultRun} (about 30 s). CI runs {@value FaultTries#DEFAULT_TRIES}
 * tries; a long run: {@code mvn -o -pl kvstore test -Dtest=FaultPropertyTest -Dkeel.faults.tries=50}.
 * A failure prints the run seed, the schedule, what the nemesis did and the checker's shortest
 * failing window; the members' logs stay under {@code kvstore/target/fault-runs}.
 */
class FaultPropertyTest {

  /** The nemesis stays within the fault window (12 s) with room to heal the last fault. */
  private static final long SCHEDULE_MILLIS = 10_000;

  private static final Path RUNS = Path.of("target", "fault-runs");

  @Property(shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
      generation = GenerationMode.RANDOMIZED, afterFailure = AfterFailureMode.RANDOM_SEED)
  @AddLifecycleHook(FaultTries.class)
  void historiesStayLinearizableUnderFaults(@ForAll("schedules") FaultSchedule schedule,
      @ForAll long seed) {
    RunReport report = new FaultRun(FaultRun.Settings.defaults(RUNS), schedule, seed).run();
    if (!report.passed()) {
      throw new AssertionError(report.describe());
    }
  }

  @Provide
  Arbitrary<FaultSchedule> schedules() {
    Arbitrary<Fault.Target> target = Arbitraries.of(Fault.Target.class);
    Arbitrary<Fault> fault = Arbitraries.oneOf(
        target.map(Fault.Kill::new),
        target.map(Fault.Pause::new),
        target.map(Fault.Isolate::new),
        target.map(Fault.Bridge::new),
        target.map(Fault.MemberChange::new),
        Arbitraries.just(new Fault.SnapshotCatchUp()));
    Arbitrary<FaultStep> step = Combinators.combine(
        Arbitraries.longs().between(200, 1500),
        Arbitraries.longs().between(1000, 4000),
        fault).as(FaultStep::new);
    return step.list().ofMinSize(1).ofMaxSize(5).map(FaultPropertyTest::fitted);
  }

  /** The longest prefix of {@code steps} that fits the schedule time (at least one step). */
  private static FaultSchedule fitted(List<FaultStep> steps) {
    List<FaultStep> kept = new ArrayList<>();
    long total = 0;
    for (FaultStep s : steps) {
      total += s.gapMillis() + s.holdMillis();
      if (!kept.isEmpty() && total > SCHEDULE_MILLIS) {
        break;
      }
      kept.add(s);
    }
    return new FaultSchedule(kept);
  }
}
