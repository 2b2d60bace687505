package dev.keel.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code keel} command in a child JVM (the test's own classpath, main class {@code dev.keel.cli.Keel}), with its
 * output in a log file. {@link #close()} sends SIGTERM (a clean stop) and waits; {@link #kill()} is SIGKILL.
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final Path log;

  private Child(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Child start(Path log, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "dev.keel.cli.Keel"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Child(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (bounded) until the log contains {@code text}; fails with the log's tail otherwise. */
  void awaitOutput(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("keel exited with " + process.exitValue() + " before printing \"" + text
            + "\":\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("keel did not print \"" + text + "\" within " + seconds + " s:\n" + tail());
      }
      Thread.sleep(100); // polling a log file: there is no event to wait on
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  String tail() {
    String out = output();
    return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
  }

  long pid() {
    return process.pid();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
