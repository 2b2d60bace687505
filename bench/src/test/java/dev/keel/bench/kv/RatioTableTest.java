package dev.keel.bench.kv;

import static dev.keel.bench.kv.RunResultJsonTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioTableTest {
  private final List<RunResult> results = List.of(
      result("put-1", "keel", 500, 1.5, 3.0),
      result("put-1", "etcd", 700, 1.25, 2.0),
      result("put-64", "etcd", 7000, 8.0, 24.0),
      result("put-64", "keel", 7700, 7.0, 18.0),
      result("watch-100", "keel", 10000, 2.0, 5.0));

  @Test
  void stepsArePairedInFirstRunOrderWithTargetOverBaseRatios() {
    RatioTable table = new RatioTable(results, "keel", "etcd");
    assertEquals(List.of("put-1", "put-64"), table.rows().stream().map(RatioTable.Row::step).toList());
    RatioTable.Row put64 = table.row("put-64").orElseThrow();
    assertEquals(1.1, put64.throughputRatio(), 1e-9);
    assertEquals(0.875, put64.p50Ratio(), 1e-9);
    assertEquals(0.75, put64.p99Ratio(), 1e-9);
    assertEquals(List.of("watch-100"), table.unpaired());
  }

  @Test
  void theMarkdownHasAHeaderAndOneLinePerPairedStep() {
    String[] lines = new RatioTable(results, "keel", "etcd").markdown().split("\n");
    assertTrue(lines[0].startsWith("| step | keel ops/s | etcd ops/s | keel/etcd ops |"), lines[0]);
    assertEquals("| put-1 | 500 | 700 | 0.71 | 1.50 | 1.25 | 3.00 | 2.00 | 1.50 | 2 / 2 |", lines[2]);
    assertEquals("| put-64 | 7,700 | 7,000 | 1.10 | 7.00 | 8.00 | 18.00 | 24.00 | 0.75 | 2 / 2 |",
        lines[3]);
    assertTrue(lines[5].contains("only one system: watch-100"), lines[5]);
  }

  @Test
  void scalingComparesHowBothSystemsGrowBetweenTwoSteps() {
    RatioTable table = new RatioTable(results, "keel", "etcd");
    assertEquals(Optional.of("put-64 / put-1 throughput: keel 15.4x, etcd 10.0x"),
        table.scaling("put-1", "put-64"));
    assertEquals(Optional.empty(), table.scaling("put-1", "put-256"));
  }

  @Test
  void serverCpuPerRequestGetsItsOwnTableWhenBothSidesMeasuredIt() {
    RunResult keel = withCpu(result("put-64", "keel", 7700, 7.0, 18.0), 400);
    RunResult etcd = withCpu(result("put-64", "etcd", 7000, 8.0, 24.0), 250);
    RatioTable table = new RatioTable(List.of(keel, etcd), "keel", "etcd");
    assertEquals(Optional.of(1.6), table.row("put-64").orElseThrow().cpuRatio());
    assertTrue(table.markdown().contains("| put-64 | 400 | 250 | 1.60 |"), table.markdown());
  }

  private static RunResult withCpu(RunResult r, long microsPerOp) {
    return new RunResult(r.name(), r.label(), r.workload(), r.startedAtMillis(), r.options(),
        r.ok(), r.errors(), r.seconds(), r.throughput(), r.latency(), r.timeline(),
        r.errorKinds(), java.util.Map.of(RatioTable.CPU_PER_OP, microsPerOp));
  }

  @Test
  void theComparisonChartIsAPng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("compare.png");
    KvBench.commandLine();
    ComparisonChart.write("keel vs etcd", results, png);
    byte[] head = Files.readAllBytes(png);
    assertEquals((byte) 0x89, head[0]);
    assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
  }
}
