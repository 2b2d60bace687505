package dev.keel.bench.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultJsonTest {

  static RunResult result(String name, String label, double throughput, double p50, double p99) {
    Percentiles latency = new Percentiles(1000, p50, p50, p99 * 0.9, p99, p99 * 1.1, p99 * 2);
    return new RunResult(name, label, "put", 1_700_000_000_000L,
        Map.of("clients", "64"), (long) (throughput * 10), 2, 10.0, throughput, latency,
        List.of(new TimelinePoint(1.0, throughput, latency)),
        Map.of("UNAVAILABLE: io exception", 2L), Map.of("cas-succeeded", 7L));
  }

  @Test
  void theJsonHasTheDocumentedShape() throws Exception {
    String json = new ResultFiles().toJson(result("put-64", "keel", 5000, 9.5, 30.25));
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals("put-64", root.get("name").asText());
    assertEquals("keel", root.get("label").asText());
    assertEquals("put", root.get("workload").asText());
    assertEquals("64", root.get("options").get("clients").asText());
    assertEquals(50_000, root.get("ok").asLong());
    assertEquals(2, root.get("errors").asLong());
    assertEquals(5000.0, root.get("throughput").asDouble());
    assertEquals(30.25, root.get("latency").get("p99").asDouble());
    assertTrue(root.get("latency").has("p999") && root.get("latency").has("max"));
    assertEquals(9.5, root.get("timeline").get(0).get("latency").get("p50").asDouble());
    assertEquals(2, root.get("errorKinds").get("UNAVAILABLE: io exception").asLong());
    assertEquals(7, root.get("counters").get("cas-succeeded").asLong());
  }

  @Test
  void aWrittenResultReadsBackEqual(@TempDir Path dir) {
    ResultFiles files = new ResultFiles();
    RunResult written = result("range-l-1", "etcd", 1500, 0.6, 2.0);
    files.write(written, dir.resolve("sub/range-l-1.etcd.json"));
    assertEquals(written, files.read(dir.resolve("sub/range-l-1.etcd.json")));
    assertEquals(List.of(written), files.readDir(dir.resolve("sub")));
  }
}
