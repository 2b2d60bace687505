package dev.keel.bench.kv;

import java.util.Map;

/** A run in progress: {@link #start()}, then {@link #await()}. */
interface LoadRun {

  /** Starts sending; the recorder's counts feed the progress bar. */
  LatencyRecorder start() throws InterruptedException;

  /** When measuring starts (after the warm-up), in {@link System#nanoTime} units. */
  long measureStart();

  /** Waits (bounded) until the run is over and returns what was measured. */
  Measured await() throws InterruptedException;

  /** Workload-specific counts for the result. */
  Map<String, Long> counters();
}
