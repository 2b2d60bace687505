package dev.keel.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The soak command end to end on a small scale: a one-replica control plane and 20 hollow nodes
 * in this JVM, 100 pods in two Deployments, held 10 s. Checks that every pod ran and that the
 * JSON, PNG and markdown files are written; the verdict's latency part is not asserted (no
 * wall-clock limits in tests), only that a verdict is there.
 */
class SoakCommandTest {
  @TempDir
  Path dir;

  @Test
  void smallSoakRunsEndToEndAndWritesItsFiles() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path out = dir.resolve("out");
    StringWriter stdout = new StringWriter();
    CommandLine cl = new CommandLine(new SoakCommand());
    cl.setOut(new PrintWriter(stdout));
    cl.setErr(new PrintWriter(new StringWriter()));
    int code = cl.execute("--nodes", "20", "--pods", "100", "--pods-per-deployment", "50",
        "--duration", "10s", "--ramp-timeout", "120s", "--replicas", "1", "--out", out.toString());

    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.sorted().toList();
    }
    assertEquals(3, files.size(), "json, md, png: " + files);
    Path json = files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".png")));
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertEquals(20, r.get("nodes").asInt());
    assertEquals(100, r.get("pods").asInt());
    assertEquals(2, r.get("deployments").asInt());
    assertTrue(r.get("rampComplete").asBoolean(), "every pod Running: " + r.get("failures"));
    assertEquals(100, r.get("minRunning").asInt(), r.get("failures").toString());
    assertEquals(20, r.get("minReadyNodes").asInt(), r.get("failures").toString());
    assertTrue(r.get("api").get("all").get("count").asLong() > 0, "the probe measured calls");
    assertFalse(r.get("verdict").asText().isEmpty());
    assertEquals(r.get("keptUp").asBoolean() ? 0 : 1, code);
    assertTrue(stdout.toString().contains("| nodes Ready (fewest in a second) | 20 / 20 |"), stdout.toString());
  }
}
