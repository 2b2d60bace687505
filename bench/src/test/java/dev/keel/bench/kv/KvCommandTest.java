package dev.keel.bench.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class KvCommandTest {

  private static LoadSpec parse(String... args) {
    CommandLine cl = KvBench.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    KvCommand kv = parsed.subcommand().commandSpec().commandLine().getCommand();
    return kv.toSpec();
  }

  @Test
  void etcdStyleOptionsBecomeTheSpec() {
    LoadSpec spec = parse("kv", "range", "--endpoints", "127.0.0.1:1,127.0.0.1:2",
        "--clients", "64", "--conns", "8", "--duration", "10s", "--warmup", "500ms",
        "--key-size", "16", "--val-size", "256", "--key-space", "100000", "--consistency", "s");
    assertEquals(Workload.RANGE, spec.workload());
    assertEquals(List.of("127.0.0.1:1", "127.0.0.1:2"), spec.endpoints());
    assertEquals(64, spec.clients());
    assertEquals(8, spec.conns());
    assertEquals(0, spec.total());
    assertEquals(Duration.ofSeconds(10), spec.duration());
    assertEquals(Duration.ofMillis(500), spec.warmup());
    assertTrue(spec.serializable());
    assertEquals("range-s-64", spec.defaultName());
    assertEquals("s", spec.describe().get("consistency"));
  }

  @Test
  void withoutTotalOrDurationItSendsTenThousandRequestsLikeEtcdsTool() {
    LoadSpec spec = parse("kv", "PUT");
    assertEquals(10_000, spec.total());
    assertTrue(spec.duration().isZero());
    assertEquals("put-1", spec.defaultName());
    assertFalse(spec.describe().containsKey("rate"), "rate is a watch option");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--clients 0                    | --clients must be >= 1",
      "--clients 4 --conns 8          | --conns must be between 1 and --clients (4)",
      "--key-space 100000 --key-size 4| --key-size must be between 5",
      "--consistency x                | --consistency must be l or s",
      "--total -1                     | --total must be >= 0",
      "--duration 1x                  | is not a duration",
  })
  void badOptionsAreRejectedWithTheirName(String options, String message) {
    String[] args = ("kv put " + options.trim()).split(" +");
    ParameterException e = assertThrows(ParameterException.class, () -> parse(args));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void watchValuesMustHoldTheSendTime() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> parse("kv", "watch", "--val-size", "4"));
    assertTrue(e.getMessage().contains("--val-size must be between 8"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"250ms, 250", "10s, 10000", "2m, 120000", "1h, 3600000", "7, 7000"})
  void durationsAreWrittenTheGoWay(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), new DurationConverter().convert(text));
  }
}
