package dev.keel.node;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CrashLoopBackoffTest {
    private static final CrashLoopBackoff KUBELET = new CrashLoopBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    @ParameterizedTest(name = "crash {0} in a row waits {1} s")
    @CsvSource({"1, 0", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 300", "8, 300", "100, 300"})
    void delaysDoubleFromTheSecondCrashUpToTheCap(int crashes, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), KUBELET.delay(crashes));
    }

    @ParameterizedTest(name = "after {0} crashes, a run of {1} s makes {2}")
    @CsvSource({"0, 1, 1", "3, 1, 4", "3, 599, 4", "3, 600, 1", "7, 3600, 1"})
    void aLongRunStartsTheCountAfresh(int crashes, long ranSeconds, int next) {
        assertEquals(next, KUBELET.next(crashes, Duration.ofSeconds(ranSeconds)));
    }
}
