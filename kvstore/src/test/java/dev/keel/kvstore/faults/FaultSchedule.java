package dev.keel.kvstore.faults;

import java.util.List;
import java.util.stream.Collectors;

/** The faults of one run, one after another (each healed before the next starts). */
record FaultSchedule(List<FaultStep> steps) {
  FaultSchedule {
    steps = List.copyOf(steps);
  }

  /** How long the schedule takes without the time injecting and healing take. */
  long nominalMillis() {
    return steps.stream().mapToLong(s -> s.gapMillis() + s.holdMillis()).sum();
  }

  @Override
  public String toString() {
    if (steps.isEmpty()) {
      return "no faults";
    }
    return steps.stream().map(FaultStep::toString).collect(Collectors.joining("; "));
  }
}
