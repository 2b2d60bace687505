package dev.keel.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineReadingsTest {
    @TempDir
    Path dir;

    @Test
    void readsPlausibleNumbersFromThisMachine() {
        NodeReadings r = new MachineReadings(dir.resolve("not-yet-created")).get();
        assertTrue(r.memoryTotal() > (64L << 20), r.toString());
        assertTrue(r.memoryAvailable() > 0 && r.memoryAvailable() <= r.memoryTotal(), r.toString());
        assertTrue(r.diskTotal() > 0 && r.diskAvailable() <= r.diskTotal(), r.toString());
        assertTrue(r.pidMax() >= 1000, "pid_max read whole: " + r);
        assertTrue(r.processes() > 0 && r.processes() < r.pidMax(), r.toString());
    }

    @Test
    void pressureThresholds() {
        long gi = 1L << 30;
        assertTrue(new NodeReadings(50L << 20, gi, gi, gi, 1, 100).memoryPressure());
        assertFalse(new NodeReadings(200L << 20, gi, gi, gi, 1, 100).memoryPressure());
        assertTrue(new NodeReadings(gi, gi, 9, 100, 1, 100).diskPressure());
        assertFalse(new NodeReadings(gi, gi, 11, 100, 1, 100).diskPressure());
        assertTrue(new NodeReadings(gi, gi, gi, gi, 96, 100).pidPressure());
        assertFalse(new NodeReadings(gi, gi, gi, gi, 94, 100).pidPressure());
        assertFalse(NodeReadings.plenty().memoryPressure() || NodeReadings.plenty().diskPressure()
                || NodeReadings.plenty().pidPressure());
    }
}
