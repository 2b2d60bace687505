package dev.keel.kvstore.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis' metric registries over Micrometer, loaded by Ratis through {@link java.util.ServiceLoader}
 * (see META-INF/services). Without an implementation on the class path Ratis servers fail to start
 * (the default one lives in ratis-metrics-default, which Keel does not ship).
 *
 * <p>Ratis keeps one instance per JVM ({@link MetricRegistries#global()}); that global is Ratis'
 * design, not ours. Meters are created in a composite registry owned by this instance, and each
 * Keel component that serves /metrics attaches its own registry with {@link #attach} and detaches
 * it on close. Meter names are {@code ratis.<component>.<name>}, tagged with the Raft member.
 */
public final class MicrometerMetricRegistries extends MetricRegistries {

  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final Map<MetricRegistryInfo, MicrometerRatisRegistry> registries = new ConcurrentHashMap<>();

  /** Attaches {@code registry} to Ratis' global registries when they are Keel's; a no-op otherwise. */
  public static void attach(MeterRegistry registry) {
    if (MetricRegistries.global() instanceof MicrometerMetricRegistries keel) {
      keel.meters.add(registry);
    }
  }

  /** Undoes {@link #attach}. */
  public static void detach(MeterRegistry registry) {
    if (MetricRegistries.global() instanceof MicrometerMetricRegistries keel) {
      keel.meters.remove(registry);
    }
  }

  @Override
  public void clear() {
    registries.values().forEach(MicrometerRatisRegistry::removeAll);
    registries.clear();
  }

  @Override
  public RatisMetricRegistry create(MetricRegistryInfo info) {
    return registries.computeIfAbsent(info, i -> new MicrometerRatisRegistry(i, meters));
  }

  @Override
  public boolean remove(MetricRegistryInfo info) {
    MicrometerRatisRegistry removed = registries.remove(info);
    if (removed != null) {
      removed.removeAll();
    }
    return removed != null;
  }

  @Override
  public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
    return Optional.ofNullable(registries.get(info));
  }

  @Override
  public Set<MetricRegistryInfo> getMetricRegistryInfos() {
    return Set.copyOf(registries.keySet());
  }

  @Override
  public Collection<RatisMetricRegistry> getMetricRegistries() {
    return List.copyOf(registries.values());
  }

  @Override
  public void addReporterRegistration(
      Consumer<RatisMetricRegistry> reporterRegistration,
      Consumer<RatisMetricRegistry> stopReporter) {
    // Reporting is Micrometer's job: registries attached with attach() see every meter.
  }

  @Override
  public void enableJmxReporter() {
    // Not supported: metrics are served over HTTP.
  }

  @Override
  public void enableConsoleReporter(TimeDuration consoleReportRate) {
    // Not supported: metrics are served over HTTP.
  }
}
