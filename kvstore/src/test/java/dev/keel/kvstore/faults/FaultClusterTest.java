package dev.keel.kvstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: child replicas, peer traffic through the link proxies, faults healed. */
class FaultClusterTest {

  @TempDir Path dir;

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  @Test
  void anIsolatedLeaderIsReplacedAndCatchesUpAfterHealing() {
    try (FaultCluster cluster = FaultCluster.start(FaultClusterConfig.defaults(dir));
        KvClient client = new KvClient(KvClientConfig.of(cluster.clientEndpoints())
            .withCallTimeout(Duration.ofSeconds(12)))) {
      String leader = cluster.awaitLeader();
      client.put(bytes("k"), bytes("before"));

      cluster.network().isolate(leader);
      cluster.await("a new leader", () -> cluster.leader().filter(l -> !l.equals(leader)).isPresent());
      String next = cluster.leader().orElseThrow();
      assertNotEquals(leader, next);
      try (KvClient majority = new KvClient(KvClientConfig.of(cluster.clientEndpoint(next))
          .withCallTimeout(Duration.ofSeconds(12)))) {
        majority.put(bytes("k"), bytes("during"));
      }

      cluster.network().healAll();
      cluster.awaitHealthy();
      try (KvClient old = new KvClient(KvClientConfig.of(cluster.clientEndpoint(leader))
          .withCallTimeout(Duration.ofSeconds(12)))) {
        assertEquals(Optional.of("during"),
            old.get(bytes("k")).map(kv -> kv.getValue().toStringUtf8()));
      }
    }
  }
}
