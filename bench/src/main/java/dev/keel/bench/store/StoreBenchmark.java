package dev.keel.bench.store;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.concurrent.TimeUnit;
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
 * The MVCC store alone (no Raft, no gRPC), one command per log entry (no batching): put of a
 * 16-byte key with a 256-byte value over a 100k key space, a txn with one compare, and a range of
 * 1,000 keys. {@code wal=false} is the configuration used under Raft (the Raft log is the WAL).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class StoreBenchmark {
  private static final int KEY_SPACE = 100_000;
  private static final int RANGE_KEYS = 1_000;

  @Param({"false", "true"})
  public boolean wal;

  private StoreFixture fixture;
  private ByteString value;
  private long next;
  private RangeRequest range;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = new StoreFixture(!wal);
    value = StoreFixture.value(256);
    for (int i = 0; i < KEY_SPACE; i++) {
      fixture.store.put(fixture.nextIndex(),
          PutRequest.newBuilder().setKey(StoreFixture.key(i)).setValue(value).build());
    }
    range = RangeRequest.newBuilder()
        .setKey(StoreFixture.key(5_000))
        .setRangeEnd(StoreFixture.key(5_000 + RANGE_KEYS))
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long put() {
    ByteString key = StoreFixture.key(next++ % KEY_SPACE);
    return fixture.store.put(fixture.nextIndex(),
        PutRequest.newBuilder().setKey(key).setValue(value).build()).getHeader().getRevision();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public TxnResponse txnCompareAndPut() {
    ByteString key = StoreFixture.key(next++ % KEY_SPACE);
    TxnRequest txn = TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder()
            .setKey(key)
            .setTarget(Compare.CompareTarget.VERSION)
            .setResult(Compare.CompareResult.GREATER)
            .setVersion(0))
        .addSuccess(RequestOp.newBuilder()
            .setRequestPut(PutRequest.newBuilder().setKey(key).setValue(value)))
        .build();
    return fixture.store.txn(fixture.nextIndex(), txn);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public RangeResponse range1000() {
    return fixture.store.range(range);
  }
}
