package dev.keel.bench.kv;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvWatch;
import dev.keel.kvstore.client.KvWatchListener;
import dev.keel.kvstore.client.WatchOptions;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The watch workload, after etcd's {@code benchmark watch-latency}: {@code clients} watchers
 * (one stream each, spread over the connections) watch one key; one putter writes that key
 * {@code rate} times a second, each value carrying its send time. Latency is from sending the
 * put to an event arriving at a watcher (so it includes the put's commit), one sample per
 * watcher and put. Events of puts that never arrive count as errors.
 */
final class WatchRunner implements LoadRun {
  private static final long CREATE_TIMEOUT_SECONDS = 30;

  private final LoadSpec spec;
  private final Keys keys;
  private final Connections conns;
  private final ByteString key;
  private final List<KvWatch> watches = new ArrayList<>();
  private final List<CompletableFuture<?>> puts = new ArrayList<>();
  private final Recorder putLatency = new Recorder(3);
  private final LongAdder putsOk = new LongAdder();
  private final LongAdder putErrors = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final AtomicLong lastEvent = new AtomicLong();
  /** Notified when events arrive, so {@link #await} can stop waiting early. */
  private final Object arrivals = new Object();
  private volatile LatencyRecorder recorder;
  private volatile long measureStart;
  private Thread putter;
  private Histogram putHistogram = new Histogram(3);

  WatchRunner(LoadSpec spec, Keys keys, Connections conns) {
    this.spec = spec;
    this.keys = keys;
    this.conns = conns;
    this.key = keys.key(0);
  }

  @Override
  public LatencyRecorder start() throws InterruptedException {
    CountDownLatch created = new CountDownLatch(spec.clients());
    for (int w = 0; w < spec.clients(); w++) {
      watches.add(conns.forClient(w).watch(WatchOptions.key(key), new Listener(created)));
    }
    if (!created.await(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException((created.getCount()) + " of " + spec.clients()
          + " watchers not created within " + CREATE_TIMEOUT_SECONDS + " s");
    }
    long begin = System.nanoTime();
    measureStart = begin + spec.warmup().toNanos();
    lastEvent.set(measureStart);
    recorder = new LatencyRecorder(measureStart);
    putter = new Thread(() -> put(begin), "keel-bench-putter");
    putter.setDaemon(true);
    putter.start();
    return recorder;
  }

  @Override
  public long measureStart() {
    return measureStart;
  }

  /** Sends the paced puts: warm-up ones, then {@code total} or {@code duration} worth. */
  private void put(long begin) {
    KvClient client = conns.forClient(0);
    long interval = TimeUnit.SECONDS.toNanos(1) / spec.rate();
    long deadline = spec.duration().isZero() ? Long.MAX_VALUE
        : measureStart + spec.duration().toNanos();
    long measured = 0;
    for (long i = 0; ; i++) {
      long slot = begin + i * interval;
      if (slot >= deadline || (spec.total() > 0 && measured >= spec.total())) {
        return;
      }
      long wait;
      while ((wait = slot - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      boolean isMeasured = sent >= measureStart;
      measured += isMeasured ? 1 : 0;
      CompletableFuture<?> reply = client.putAsync(PutRequest.newBuilder()
          .setKey(key).setValue(keys.stampedValue(sent)).build());
      if (isMeasured) {
        puts.add(reply.whenComplete((r, failure) -> {
          if (failure == null) {
            putLatency.recordValue((System.nanoTime() - sent) / 1000);
            putsOk.increment();
          } else {
            putErrors.increment();
            recorder.failure(failure);
          }
        }));
      }
    }
  }

  @Override
  public Measured await() throws InterruptedException {
    long runNanos = spec.warmup().toNanos() + (spec.duration().isZero()
        ? TimeUnit.SECONDS.toNanos(spec.total() / spec.rate() + 1) : spec.duration().toNanos());
    putter.join(TimeUnit.NANOSECONDS.toMillis(runNanos) + 10_000);
    if (putter.isAlive()) {
      putter.interrupt();
      throw new IllegalStateException("the putter did not finish within the run's time");
    }
    try {
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
          .get(spec.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // counted per put in put(); a put that never answers is caught by its own deadline
    }
    long expected = putsOk.sum() * spec.clients();
    long waitUntil = System.nanoTime() + spec.timeout().toNanos();
    synchronized (arrivals) {
      long left;
      while (received.sum() < expected && (left = waitUntil - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
    }
    watches.forEach(KvWatch::close);
    putHistogram = putLatency.getIntervalHistogram();
    recorder.failures(Math.max(0, expected - received.sum()),
        "watch event not delivered within " + spec.timeout().toMillis() + " ms");
    return recorder.finish(lastEvent.get());
  }

  @Override
  public Map<String, Long> counters() {
    Histogram h = putHistogram;
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("watchers", (long) spec.clients());
    m.put("puts", putsOk.sum());
    m.put("put-errors", putErrors.sum());
    m.put("events-expected", putsOk.sum() * spec.clients());
    m.put("events-received", received.sum());
    m.put("put-p50-us", h.getValueAtPercentile(50));
    m.put("put-p99-us", h.getValueAtPercentile(99));
    return m;
  }

  private final class Listener implements KvWatchListener {
    private final CountDownLatch created;

    Listener(CountDownLatch created) {
      this.created = created;
    }

    @Override
    public void onCreated(long revision) {
      created.countDown();
    }

    @Override
    public void onEvents(long revision, List<Event> events) {
      long now = System.nanoTime();
      for (Event event : events) {
        ByteString value = event.getKv().getValue();
        if (value.size() < 8) {
          continue;
        }
        long sent = Keys.stamp(value);
        if (sent >= measureStart) {
          recorder.success(sent, now);
          received.increment();
          lastEvent.accumulateAndGet(now, Math::max);
        }
      }
      synchronized (arrivals) {
        arrivals.notifyAll();
      }
    }

    @Override
    public void onCompacted(long compactRevision) {
      recorder.failure(new IllegalStateException(
          "watch compacted at revision " + compactRevision));
    }

    @Override
    public void onError(Throwable error) {
      recorder.failure(error);
    }
  }
}
