package dev.keel.bench.store;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A KvClient in the JVM of a one-replica store (Raft, RocksDB), by how it reaches the replica:
 * {@code inprocess} calls the replica's services directly, {@code inprocess-grpc} goes through
 * grpc-java's in-process transport, {@code loopback} over gRPC on the loopback port. A put waited
 * for alone (latency), and batches of 64 concurrent compare-and-put transactions (throughput; on
 * a machine with few cores, the client path's CPU shows up here).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class ClientPathBenchmark {
  private static final int KEY_SPACE = 10_000;
  private static final int CONCURRENT = 64;

  @Param({"inprocess", "inprocess-grpc", "loopback"})
  public String transport;

  private Path dir;
  private Replica replica;
  private KvClient client;
  private ByteString value;
  private long next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("keel-bench-client");
    PeerSpec self = new PeerSpec("n1", "127.0.0.1", PeerPorts.pick("127.0.0.1"));
    replica = new Replica(ReplicaConfig.of("n1", dir, List.of(self))
        .withClientPort(0).withMetricsPort(-1)).start();
    String endpoint = switch (transport) {
      case "inprocess" -> replica.inProcessEndpoint().orElseThrow();
      case "inprocess-grpc" -> replica.inProcessGrpcEndpoint().orElseThrow();
      case "loopback" -> "127.0.0.1:" + replica.clientPort();
      default -> throw new IllegalArgumentException("unknown transport " + transport);
    };
    client = new KvClient(KvClientConfig.of(endpoint).withCallTimeout(Duration.ofSeconds(30)));
    value = StoreFixture.value(256);
    // The first write waits for the replica's leadership.
    client.put(StoreFixture.key(0), value);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    replica.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      throw new IOException("clean up " + dir, e);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long put() {
    return client.put(StoreFixture.key(next++ % KEY_SPACE), value).getHeader().getRevision();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(CONCURRENT)
  public int txnConcurrent() {
    CompletableFuture<?>[] txns = new CompletableFuture<?>[CONCURRENT];
    for (int i = 0; i < CONCURRENT; i++) {
      ByteString key = StoreFixture.key(next++ % KEY_SPACE);
      txns[i] = client.txnAsync(TxnRequest.newBuilder()
          .addCompare(Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.VERSION)
              .setResult(Compare.CompareResult.GREATER).setVersion(-1))
          .addSuccess(RequestOp.newBuilder()
              .setRequestPut(PutRequest.newBuilder().setKey(key).setValue(value)))
          .build());
    }
    CompletableFuture.allOf(txns).join();
    int succeeded = 0;
    for (CompletableFuture<?> txn : txns) {
      succeeded += ((TxnResponse) txn.join()).getSucceeded() ? 1 : 0;
    }
    return succeeded;
  }
}
