package dev.keel.kvstore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica child JVM: started, SIGKILLed, paused with SIGSTOP and resumed with SIGCONT, or
 * stopped with SIGTERM. Output goes to a log file (appended across restarts). Not thread-safe: the
 * owning {@link FaultCluster} serialises calls, except {@link #kill()} which is safe from a
 * shutdown hook.
 */
final class ReplicaProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaProcess.class);
  private static final long WAIT_MS = 10_000;

  /** How a member's process is doing, as far as the harness made it so. */
  enum State { RUNNING, PAUSED, DEAD }

  private final String id;
  private final Path logFile;
  private volatile Process process;
  private volatile State state = State.DEAD;

  ReplicaProcess(String id, Path logFile) {
    this.id = id;
    this.logFile = logFile;
  }

  String id() {
    return id;
  }

  State state() {
    Process p = process;
    if (state != State.DEAD && (p == null || !p.isAlive())) {
      state = State.DEAD; // it died on its own
    }
    return state;
  }

  /** Starts the JVM with {@code command} (after a kill or stop; never while running). */
  void start(List<String> command) {
    if (state() != State.DEAD) {
      throw new IllegalStateException("replica " + id + " is already " + state);
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start replica " + id + ": " + command, e);
    }
    state = State.RUNNING;
    LOG.info("replica {} started as pid {}", id, process.pid());
  }

  long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  /** SIGKILL (also works on a paused process); waits until it is gone. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    awaitExit(p, "SIGKILL");
    state = State.DEAD;
  }

  /** SIGTERM (the replica closes cleanly), then SIGKILL if it has not exited within the wait. */
  void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      state = State.DEAD;
      return;
    }
    if (state == State.PAUSED) {
      signal("CONT");
    }
    p.destroy();
    try {
      if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("replica {} ignored SIGTERM for {} ms; killing it", id, WAIT_MS);
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    state = State.DEAD;
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing. */
  void pause() {
    if (state() != State.RUNNING) {
      throw new IllegalStateException("cannot pause replica " + id + ": it is " + state);
    }
    signal("STOP");
    state = State.PAUSED;
  }

  /** SIGCONT after {@link #pause()}. */
  void resume() {
    if (state() != State.PAUSED) {
      return;
    }
    signal("CONT");
    state = State.RUNNING;
  }

  private void signal(String name) {
    long pid = pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(WAIT_MS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + name + " " + pid + " (replica " + id
            + ") failed: " + new String(kill.getInputStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("kill -" + name + " " + pid + " (replica " + id + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling replica " + id, e);
    }
  }

  private void awaitExit(Process p, String how) {
    try {
      if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("replica " + id + " (pid " + p.pid() + ") survived "
            + how + " for " + WAIT_MS + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for replica " + id + " to exit", e);
    }
  }

  @Override
  public String toString() {
    return id + "(" + state() + ", pid " + pid() + ")";
  }
}
