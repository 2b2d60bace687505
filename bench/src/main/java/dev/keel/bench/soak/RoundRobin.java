package dev.keel.bench.soak;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The fleet's node names in turn, {@code <prefix>-0 .. <prefix>-<count-1>}, then again. */
final class RoundRobin implements Supplier<String> {
  private final String prefix;
  private final int count;
  private final AtomicLong next = new AtomicLong();

  RoundRobin(String prefix, int count) {
    this.prefix = prefix;
    this.count = count;
  }

  @Override
  public String get() {
    return prefix + "-" + Math.floorMod(next.getAndIncrement(), count);
  }
}
