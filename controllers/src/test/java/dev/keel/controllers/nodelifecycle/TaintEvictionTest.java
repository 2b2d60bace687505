package dev.keel.controllers.nodelifecycle;

import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.api.meta.ObjectMeta;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TaintEvictionTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Taint UNREACHABLE = new Taint(NodeTaints.UNREACHABLE, null, "NoExecute", T0, Map.of());
    private static final Taint CUSTOM = new Taint("dedicated", "gpu", "NoExecute", T0, Map.of());
    private static final Taint NO_SCHEDULE = new Taint("dedicated", "gpu", "NoSchedule", T0, Map.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no toleration for unreachable: the default 300 s", List.of(UNREACHABLE), List.of(),
                        Optional.of(T0.plusSeconds(300))),
                arguments("tolerates unreachable for 60 s", List.of(UNREACHABLE),
                        List.of(tol(NodeTaints.UNREACHABLE, "Exists", null, 60L)), Optional.of(T0.plusSeconds(60))),
                arguments("tolerates unreachable forever", List.of(UNREACHABLE),
                        List.of(tol(NodeTaints.UNREACHABLE, "Exists", null, null)), Optional.empty()),
                arguments("forever and 30 s both match: 30 s wins", List.of(UNREACHABLE),
                        List.of(tol(NodeTaints.UNREACHABLE, "Exists", null, null), tol("", "Exists", null, 30L)),
                        Optional.of(T0.plusSeconds(30))),
                arguments("an untolerated custom NoExecute taint evicts at once", List.of(CUSTOM), List.of(),
                        Optional.of(T0)),
                arguments("a custom taint tolerated by value", List.of(CUSTOM),
                        List.of(tol("dedicated", "Equal", "gpu", null)), Optional.empty()),
                arguments("a wrong value does not tolerate", List.of(CUSTOM),
                        List.of(tol("dedicated", "Equal", "cpu", null)), Optional.of(T0)),
                arguments("NoSchedule taints never evict", List.of(NO_SCHEDULE), List.of(), Optional.empty()),
                arguments("the earliest taint deadline wins", List.of(UNREACHABLE, CUSTOM),
                        List.of(tol("dedicated", "Exists", null, 10L)), Optional.of(T0.plusSeconds(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deadline(String name, List<Taint> taints, List<Toleration> tolerations, Optional<Instant> want) {
        Pod pod = Pod.of(ObjectMeta.of("ns", "p"), PodSpec.builder().tolerations(tolerations).build());
        assertEquals(want, TaintEviction.deadline(pod, taints, Duration.ofSeconds(300), t -> T0));
    }

    private static Toleration tol(String key, String op, String value, Long seconds) {
        return new Toleration(key, op, value, "NoExecute", seconds, Map.of());
    }
}
