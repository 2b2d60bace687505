package dev.keel.bench.store;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Watch delivery: the time from a put to the moment every one of {@code watchers} prefix watchers
 * has received its event (the store's delivery threads, no network).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class WatchBenchmark {
  @Param({"1", "100"})
  public int watchers;

  private StoreFixture fixture;
  private ByteString value;
  private final AtomicLong delivered = new AtomicLong();
  private Watch[] watches;
  private long puts;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = new StoreFixture(true);
    value = StoreFixture.value(256);
    watches = new Watch[watchers];
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvents(List<Event> events) {
        delivered.addAndGet(events.size());
      }

      @Override
      public void onCompacted(long compactRevision) {
        throw new IllegalStateException("no compaction in this benchmark");
      }
    };
    for (int i = 0; i < watchers; i++) {
      watches[i] = fixture.store.watch(new WatchSpec(ByteString.copyFromUtf8("key-"),
          ByteString.copyFromUtf8("key."), 0, false, false, false), listener);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (Watch watch : watches) {
      watch.close();
    }
    fixture.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long putUntilDelivered() throws TimeoutException {
    puts++;
    fixture.store.put(fixture.nextIndex(),
        PutRequest.newBuilder().setKey(StoreFixture.key(puts % 1000)).setValue(value).build());
    long expected = puts * watchers;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (delivered.get() < expected) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("watch delivery stalled at " + delivered.get() + " of " + expected);
      }
      LockSupport.parkNanos(1_000);
    }
    return expected;
  }
}
