package dev.keel.kvstore.replica;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.LifeCycle;

/**
 * Notices that this replica's Raft division closed while the replica runs, and reports why, once.
 *
 * <p>Ratis closes a division on its own and leaves the server (and so the process) running: when
 * Raft finds the member outside the group's configuration (it was removed, or it was being added
 * and the add did not complete: its election timer ran while its configuration lacked it), and
 * when applying an entry failed. Such a replica can serve nothing and can never be added again, so
 * its owner must stop it and say so, as etcd's removed member does.
 */
final class DivisionWatch implements AutoCloseable {

  /** What etcd's member says when it finds itself removed. */
  static final String REMOVED = "the member has been permanently removed from the cluster";
  /** How long a closed division may wait for Raft's word that it was shut down as a non-member. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final RaftServer server;
  private final RaftGroupId groupId;
  private final BooleanSupplier shutDownByRaft;
  private final Consumer<String> onClosed;
  private final ScheduledExecutorService timer;
  private boolean reported;
  /** When a check first found the division closed ({@link System#nanoTime()}), 0 before. */
  private long closedSince;

  /**
   * @param shutDownByRaft whether Raft itself shut the division down (the state machine heard it)
   * @param onClosed gets the reason, once, on the watch's thread
   */
  DivisionWatch(RaftServer server, RaftGroupId groupId, BooleanSupplier shutDownByRaft,
      Duration period, Consumer<String> onClosed) {
    this.server = server;
    this.groupId = groupId;
    this.shutDownByRaft = shutDownByRaft;
    this.onClosed = onClosed;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-division-watch-" + server.getId());
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (reported) {
      return;
    }
    String reason;
    try {
      RaftServer.Division division = server.getDivision(groupId);
      if (division.getInfo().isAlive()) {
        return;
      }
      // Ratis tells the state machine why only after the close has finished (which may take a
      // snapshot first): give that word a moment before reporting another cause.
      boolean removed = shutDownByRaft.getAsBoolean();
      if (!removed) {
        if (division.getInfo().getLifeCycleState() != LifeCycle.State.CLOSED) {
          return;
        }
        long now = System.nanoTime();
        if (closedSince == 0) {
          closedSince = now;
        }
        if (now - closedSince < GRACE.toNanos()) {
          return;
        }
      }
      RaftConfiguration conf = division.getRaftConf();
      boolean inConf = Stream.concat(conf.getCurrentPeers().stream(), conf.getPreviousPeers().stream())
          .anyMatch(p -> p.getId().equals(server.getId()));
      reason = removed || !inConf
          ? REMOVED + ": Raft shut its division down because member " + server.getId()
              + " is not in the group's configuration (removed with MemberRemove, or added with a MemberAdd"
              + " that did not complete). To bring it back, start it on an empty data dir with join and"
              + " add it again with MemberAdd"
          : "its Raft division closed (see the errors above); restart it on its data dir";
    } catch (IOException e) {
      reason = "its Raft group " + groupId + " is gone from the server: " + e.getMessage();
    }
    reported = true;
    onClosed.accept(reason);
  }

  /** Stops watching; waits (bounded) for a check in progress, so none reports after this returns. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
