package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

class PodRequestsTest {
    private static final long MI = 1024 * 1024;

    record Case(String name, TestPod pod, Resources requested, Resources nonZero) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a pod without requests requests nothing but scores as 100m and 200Mi",
                        pod("p"), new Resources(0, 0, 1), new Resources(100, 200 * MI, 1)),
                new Case("regular containers add up",
                        pod("p").cpu("100m").memory("64Mi").container("200m", "128Mi"),
                        new Resources(300, 192 * MI, 1), new Resources(300, 192 * MI, 1)),
                new Case("the largest init container wins when it exceeds the sum",
                        pod("p").cpu("100m").memory("64Mi").initContainer("250m", "32Mi").initContainer("50m", "1Gi"),
                        new Resources(250, 1024 * MI, 1), new Resources(250, 1024 * MI, 1)),
                new Case("the maximum is taken per resource",
                        pod("p").cpu("1").memory("1Mi").initContainer("500m", "2Mi"),
                        new Resources(1000, 2 * MI, 1), new Resources(1000, 2 * MI, 1)),
                new Case("a container requesting only cpu gets the memory default for scoring",
                        pod("p").cpu("300m"), new Resources(300, 0, 1), new Resources(300, 200 * MI, 1)),
                new Case("an explicit zero request stays zero for scoring",
                        pod("p").cpu("0").memory("0"), new Resources(0, 0, 1), new Resources(0, 0, 1)),
                new Case("fractional millicores round up",
                        pod("p").cpu("0.0001"), new Resources(1, 0, 1), new Resources(1, 200 * MI, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void requests(Case c) {
        assertEquals(c.requested(), PodRequests.of(c.pod().build()), "requested");
        assertEquals(c.nonZero(), PodRequests.nonZero(c.pod().build()), "non-zero");
    }
}
