package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaEndpointsTest {

  @TempDir Path dir;

  @Test
  void metricsEndpointServesRaftAndStoreMeters() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 1, c -> c.withMetricsPort(0).withClientPort(0))) {
      Replica only = cluster.leader();
      put(only.kv(), "k", "v");
      assertTrue(only.clientPort() > 0);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + only.metricsPort() + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      String body = response.body();
      for (String meter : List.of("keel_raft_commit_index", "keel_raft_applied_index",
          "keel_raft_leader_changes", "keel_raft_apply_latency", "keel_raft_snapshots",
          "keel_store_size_bytes", "ratis_")) {
        assertTrue(body.contains(meter), meter + " missing from /metrics");
      }
    }
  }

  @Test
  void aDataDirOfAnotherMemberIsRefused() {
    List<PeerSpec> peers = List.of(new PeerSpec("n1", "127.0.0.1", PeerPorts.pick("127.0.0.1")));
    try (Replica first = new Replica(ReplicaConfig.of("n1", dir, peers).withRaft(TestCluster.FAST)).start()) {
      put(first.kv(), "k", "v");
    }
    List<PeerSpec> other = List.of(new PeerSpec("n2", "127.0.0.1", PeerPorts.pick("127.0.0.1")));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Replica(ReplicaConfig.of("n2", dir, other).withRaft(TestCluster.FAST)).start());
    assertTrue(e.getMessage().contains("belongs to member=n1"), e.getMessage());
  }

  @Test
  void aTakenPeerPortIsNamed() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      List<PeerSpec> peers = List.of(new PeerSpec("n1", "127.0.0.1", taken.getLocalPort()));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new Replica(ReplicaConfig.of("n1", dir, peers)).start());
      assertTrue(e.getMessage().contains("peer port 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
    }
  }
}
