package dev.keel.kvstore.faults;

import dev.keel.kvstore.raft.BatchingConfig;
import dev.keel.kvstore.raft.RaftSettings;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a replica child process started by {@link ReplicaProcess}: runs one
 * {@link Replica} until SIGTERM, or until its standard input ends (the test JVM died or let go of
 * it), so that no replica outlives its test.
 *
 * <p>Arguments are {@code name=value}: {@code id}, {@code data-dir}, {@code client-port},
 * {@code peer-port}, {@code peers} (id=host:port,...), {@code join} (true/false),
 * {@code election-min-ms}, {@code election-max-ms}, {@code snapshot-threshold},
 * {@code purge-preservation}, {@code segment-bytes}.
 */
public final class ReplicaMain {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaMain.class);

  private ReplicaMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> a = parse(args);
    ReplicaConfig config = config(a);
    Replica replica = new Replica(config).start();
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        replica.close();
      } finally {
        closed.countDown();
      }
    }, "replica-shutdown"));
    LOG.info("fault-test replica {} serving clients on {}", config.memberId(), replica.clientPort());
    Thread stdinWatch = new Thread(() -> {
      waitForEndOfInput(System.in);
      LOG.info("replica {}: standard input closed, exiting", config.memberId());
      System.exit(0);
    }, "stdin-watch");
    stdinWatch.setDaemon(true);
    stdinWatch.start();
    // A replica that stopped on its own (removed from the group, or an add that did not complete)
    // exits with an error, as `keel store` does; the harness sees the process gone.
    replica.stopped().thenAccept(reason -> {
      LOG.error("replica {} exits: {}", config.memberId(), reason);
      System.exit(1);
    });
    closed.await();
  }

  private static void waitForEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // treat as closed
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + arg + "' must be name=value; all: "
            + Arrays.toString(args));
      }
      out.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return out;
  }

  static ReplicaConfig config(Map<String, String> a) {
    String id = required(a, "id");
    List<PeerSpec> peers = Arrays.stream(required(a, "peers").split(","))
        .map(PeerSpec::parse).toList();
    RaftSettings raft = RaftSettings.defaults()
        .withElectionTimeouts(Duration.ofMillis(Long.parseLong(required(a, "election-min-ms"))),
            Duration.ofMillis(Long.parseLong(required(a, "election-max-ms"))))
        .withSnapshots(Long.parseLong(required(a, "snapshot-threshold")),
            Long.parseLong(required(a, "purge-preservation")), 1)
        .withSegmentSizeBytes(Long.parseLong(required(a, "segment-bytes")));
    return new ReplicaConfig(id, Path.of(required(a, "data-dir")), peers, "127.0.0.1",
        Integer.parseInt(required(a, "client-port")), Integer.parseInt(required(a, "peer-port")),
        -1, "keel", Boolean.parseBoolean(a.getOrDefault("join", "false")), raft,
        BatchingConfig.defaults());
  }

  private static String required(Map<String, String> a, String name) {
    String value = a.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + name + "=...; given " + a.keySet());
    }
    return value;
  }
}
