package dev.keel.bench.kv;

import org.HdrHistogram.Histogram;

/**
 * Latency distribution of a run or of one second of it, in milliseconds.
 *
 * @param count samples
 * @param mean arithmetic mean
 * @param p50 median; p90, p99, p999 likewise; max the largest sample
 */
public record Percentiles(long count, double mean, double p50, double p90, double p99, double p999,
    double max) {

  public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

  /** From a histogram of microseconds. */
  public static Percentiles ofMicros(Histogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new Percentiles(h.getTotalCount(), ms(h.getMean()),
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  /** Microseconds to milliseconds, rounded to the microsecond. */
  private static double ms(double micros) {
    return Math.round(micros) / 1000.0;
  }
}
