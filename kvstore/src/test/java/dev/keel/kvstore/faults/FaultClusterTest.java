package dev.keel.kvstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * A member being added back can stop on its own (an add that did not complete leaves it outside
   * the configuration, and the replica exits); the harness starts it again on an empty data dir
   * and retries the add. Here it is killed as soon as it is started, before it could answer.
   */
  @Test
  void aMemberThatStopsWhileBeingAddedBackIsStartedAgain() throws InterruptedException {
    try (FaultCluster cluster = FaultCluster.start(FaultClusterConfig.defaults(dir));
        KvClient client = new KvClient(KvClientConfig.of(cluster.clientEndpoints())
            .withCallTimeout(Duration.ofSeconds(12)))) {
      String leader = cluster.awaitLeader();
      String member = cluster.members().stream().filter(m -> !m.equals(leader)).findFirst().orElseThrow();
      cluster.removeMember(member);
      client.put(bytes("k"), bytes("while out"));

      Thread killer = new Thread(() -> {
        cluster.await(member + " started for its re-add",
            () -> cluster.state(member) == ReplicaProcess.State.RUNNING);
        cluster.kill(member);
      }, "killer");
      killer.start();
      cluster.rejoin(member);
      killer.join(cluster.config().waitTimeout().toMillis());

      cluster.awaitHealthy();
      assertTrue(cluster.removedMembers().isEmpty());
      try (KvClient back = new KvClient(KvClientConfig.of(cluster.clientEndpoint(member))
          .withCallTimeout(Duration.ofSeconds(12)))) {
        assertEquals(Optional.of("while out"),
            back.get(bytes("k")).map(kv -> kv.getValue().toStringUtf8()));
      }
    }
  }
}
