package dev.keel.node.runtime.process;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {
    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "4242 (my (odd) name) S 1 4240 4239 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
        ProcStat s = ProcStat.parse(4242, line).orElseThrow();
        assertEquals('S', s.state());
        assertEquals(4240, s.pgrp());
        assertEquals(4239, s.session());
        assertEquals(987654, s.startTime());
    }

    @Test
    void readsThisJvm() {
        long pid = ProcessHandle.current().pid();
        ProcStat s = ProcStat.read(Path.of("/proc"), pid).orElseThrow();
        assertEquals(pid, s.pid());
        assertTrue(s.startTime() > 0);
        assertTrue(ProcStat.read(Path.of("/proc"), Integer.MAX_VALUE).isEmpty());
    }
}
