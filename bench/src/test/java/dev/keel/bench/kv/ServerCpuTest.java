package dev.keel.bench.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCpuTest {

  @Test
  void userAndSystemTicksAreReadPastACommandNameWithSpaces() {
    String stat = "4242 (java (my) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0"
        + " 60 0 12345 8975564288 64000 18446744073709551615";
    assertEquals(1750, ServerCpu.ticks(stat));
  }

  @Test
  void thisProcessHasUsedSomeCpuAndAMissingOneCountsZero() {
    long self = ProcessHandle.current().pid();
    assertTrue(new ServerCpu(List.of(self)).cpuMillis() > 0);
    assertEquals(0, new ServerCpu(List.of(Long.MAX_VALUE)).cpuMillis());
  }
}
