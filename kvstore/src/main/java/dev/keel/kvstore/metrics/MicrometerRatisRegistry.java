package dev.keel.kvstore.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;

/**
 * One Ratis metric registry (one component of one Raft member) as Micrometer meters. Ratis
 * counters can go down, so they are exposed as gauges; non-numeric gauges are ignored.
 */
final class MicrometerRatisRegistry implements RatisMetricRegistry {

  private final MetricRegistryInfo info;
  private final MeterRegistry meters;
  private final Tags tags;
  private final Map<String, Meter> created = new ConcurrentHashMap<>();
  private final Map<String, Timekeeper> timers = new ConcurrentHashMap<>();
  private final Map<String, LongCounter> counters = new ConcurrentHashMap<>();

  MicrometerRatisRegistry(MetricRegistryInfo info, MeterRegistry meters) {
    this.info = info;
    this.meters = meters;
    this.tags = Tags.of("member", String.valueOf(info.getPrefix()));
  }

  private String meterName(String name) {
    return "ratis." + info.getMetricsComponentName() + "." + name;
  }

  @Override
  public Timekeeper timer(String name) {
    return timers.computeIfAbsent(name, n -> {
      Timer timer = Timer.builder(meterName(n)).tags(tags).register(meters);
      created.put(n, timer);
      return () -> {
        long start = System.nanoTime();
        return () -> {
          long elapsed = System.nanoTime() - start;
          timer.record(elapsed, TimeUnit.NANOSECONDS);
          return elapsed;
        };
      };
    });
  }

  @Override
  public LongCounter counter(String name) {
    return counters.computeIfAbsent(name, n -> {
      AtomicLong value = new AtomicLong();
      created.put(n, Gauge.builder(meterName(n), value, AtomicLong::get).tags(tags).register(meters));
      return new LongCounter() {
        @Override
        public void inc(long delta) {
          value.addAndGet(delta);
        }

        @Override
        public void dec(long delta) {
          value.addAndGet(-delta);
        }

        @Override
        public long getCount() {
          return value.get();
        }
      };
    });
  }

  @Override
  public boolean remove(String name) {
    timers.remove(name);
    counters.remove(name);
    Meter meter = created.remove(name);
    if (meter != null) {
      meters.remove(meter);
    }
    return meter != null;
  }

  @Override
  public <T> void gauge(String name, Supplier<Supplier<T>> gaugeSupplier) {
    Supplier<T> supplier = gaugeSupplier.get();
    remove(name);
    created.put(name, Gauge.builder(meterName(name), supplier, MicrometerRatisRegistry::numeric)
        .tags(tags).register(meters));
  }

  private static double numeric(Supplier<?> supplier) {
    Object value = supplier.get();
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  @Override
  public MetricRegistryInfo getMetricRegistryInfo() {
    return info;
  }

  void removeAll() {
    created.keySet().forEach(this::remove);
  }
}
