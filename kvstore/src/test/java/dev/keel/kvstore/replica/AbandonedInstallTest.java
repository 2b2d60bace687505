package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.get;
import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.raft.KvStateMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.ratis.util.LifeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot installation that looks abandoned (the store was released for it, then entries
 * arrived to apply) but completes after all: the state machine must still be PAUSED when Ratis
 * reloads it, because Ratis's updater asserts exactly that before it calls {@code reinitialize},
 * and closes the division for good when it does not hold (found by the fault property: re-add the
 * leader, pause it, isolate the next leader; the re-added member never answered again).
 */
class AbandonedInstallTest {

  @TempDir Path dir;

  @Test
  void aStoreReopenedForEntriesStaysPausedUntilTheInstallationCompletes() throws IOException {
    try (TestCluster cluster = TestCluster.start(dir, 1)) {
      Replica replica = cluster.leader();
      put(replica.kv(), "before", "1");
      KvStateMachine machine = (KvStateMachine) RecoveryTest.division(replica).getStateMachine();

      machine.pause(); // the first chunk of an installation: the store is released
      assertEquals(LifeCycle.State.PAUSED, machine.getLifeCycleState());

      // entries arrive instead of the rest of the snapshot: applying them reopens the store
      put(replica.kv(), "during", "2");
      assertEquals(Optional.of("2"), get(replica.kv(), "during", false));
      assertEquals(LifeCycle.State.PAUSED, machine.getLifeCycleState(),
          "Ratis reloads a state machine only when it is PAUSED");

      // the installation completes after all: what Ratis's reload does next
      assertTrue(machine.takeSnapshot() > 0, "a snapshot to install");
      machine.reinitialize();
      assertEquals(LifeCycle.State.RUNNING, machine.getLifeCycleState());
      assertEquals(Optional.of("1"), get(replica.kv(), "before", false));
      assertEquals(Optional.of("2"), get(replica.kv(), "during", false));
      put(replica.kv(), "after", "3");
      assertEquals(Optional.of("3"), get(replica.kv(), "after", false));
    }
  }
}
