package dev.keel.kvstore.faults;

import java.util.Objects;

/**
 * One step of a {@link FaultSchedule}: wait {@code gapMillis}, inject {@code fault}, keep it for
 * {@code holdMillis}, heal it.
 */
record FaultStep(long gapMillis, long holdMillis, Fault fault) {
  FaultStep {
    Objects.requireNonNull(fault, "fault");
    if (gapMillis < 0 || holdMillis < 0) {
      throw new IllegalArgumentException("gap and hold must be >= 0, got " + gapMillis + "/" + holdMillis);
    }
  }

  @Override
  public String toString() {
    return "after " + gapMillis + " ms: " + fault + " for " + holdMillis + " ms";
  }
}
