package dev.keel.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine's {@code uptime} line (load averages of 1, 5, 15 minutes), or /proc/loadavg. */
final class Uptime {
  private Uptime() {}

  static String read() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      p.destroyForcibly();
    } catch (IOException e) {
      // no uptime command: fall back to the kernel's numbers
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      return "loadavg " + Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
