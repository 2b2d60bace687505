package dev.keel.kvstore.grpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real etcdctl 3.4 (ETCDCTL_API=3) as a child process, every run bounded in time. */
final class Etcdctl {
  static final Path BINARY = Path.of("/usr/bin/etcdctl");
  private static final long TIMEOUT_SECONDS = 20;

  /** What one run printed. */
  record Result(int exitCode, String stdout, String stderr) {
    /** stderr without the Go client's JSON warn lines ("retrying of unary invoker failed"). */
    String errors() {
      return stderr.lines().filter(l -> !l.startsWith("{")).map(l -> l + "\n")
          .reduce("", String::concat);
    }
  }

  private final List<String> endpoints;
  /** Guarded by this: the next endpoint to use; commands rotate over them (followers too). */
  private int next;

  Etcdctl(List<String> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Runs a command on the next endpoint in turn. */
  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Runs a command on the next endpoint in turn, feeding {@code stdin}. */
  Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    return runAt(nextEndpoint(), stdin, args);
  }

  /** Runs a command with an explicit --endpoints value. */
  Result runAt(String endpointsFlag, String stdin, String... args)
      throws IOException, InterruptedException {
    Process process = start(endpointsFlag, args);
    try {
      CompletableFuture<String> out = readAll(process.getInputStream());
      CompletableFuture<String> err = readAll(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("etcdctl " + String.join(" ", args) + " did not finish in "
            + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), join(out), join(err));
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Runs a command that does not end on its own (watch), collects stdout until it has
   * {@code lines} lines or the process ends, then kills it. Fails after the timeout.
   */
  Result runUntilLines(int lines, String... args)
      throws IOException, InterruptedException {
    Process process = start(nextEndpoint(), args);
    try {
      CompletableFuture<String> err = readAll(process.getErrorStream());
      CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> {
        List<String> got = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while (got.size() < lines && (line = reader.readLine()) != null) {
            got.add(line);
          }
        } catch (IOException e) {
          // killed
        }
        return got;
      });
      List<String> got;
      try {
        got = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
        throw new AssertionError("etcdctl " + String.join(" ", args) + " printed fewer than "
            + lines + " lines in " + TIMEOUT_SECONDS + " s");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new AssertionError(e);
      }
      if (got.size() < lines) {
        // stdout closed early: the process is exiting (e.g. a cancelled watch); let it finish.
        process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      boolean ended = !process.isAlive();
      // Kill through the handle: Process.destroyForcibly also closes our ends of its pipes, and a
      // reader that has not drained stderr yet would lose what the process printed.
      process.toHandle().destroyForcibly();
      process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      String stdout = got.stream().map(l -> l + "\n").reduce("", String::concat);
      return new Result(ended ? process.exitValue() : -1, stdout, join(err));
    } finally {
      process.destroyForcibly();
    }
  }

  private synchronized String nextEndpoint() {
    return endpoints.get(next++ % endpoints.size());
  }

  private Process start(String endpointsFlag, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--endpoints=" + endpointsFlag);
    command.add("--command-timeout=15s");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("ETCDCTL_API", "3");
    return builder.start();
  }

  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  private static String join(CompletableFuture<String> f) throws InterruptedException {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("reading etcdctl output failed", e);
    }
  }
}
