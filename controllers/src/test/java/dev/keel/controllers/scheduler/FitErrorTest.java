package dev.keel.controllers.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

class FitErrorTest {
    record Case(String name, int numAllNodes, Map<String, Status> statuses, Optional<String> preFilter,
                String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Status> statuses(Object... nodeAndStatus) {
        Map<String, Status> m = new LinkedHashMap<>();
        for (int i = 0; i < nodeAndStatus.length; i += 2) {
            m.put((String) nodeAndStatus[i], (Status) nodeAndStatus[i + 1]);
        }
        return m;
    }

    static Stream<Case> cases() {
        Status cpu = Status.unschedulable("Insufficient cpu");
        Status taint = Status.unresolvable("node(s) had untolerated taint {key: value}");
        return Stream.of(
                new Case("reasons are counted and the counted strings sorted, as Kubernetes sorts them", 5,
                        statuses("n1", cpu, "n2", cpu, "n3", cpu, "n4", taint, "n5", taint), Optional.empty(),
                        "0/5 nodes are available: 2 node(s) had untolerated taint {key: value}, 3 Insufficient cpu."),
                new Case("a node with two reasons counts once for each", 2,
                        statuses("n1", Status.unschedulable("Insufficient cpu", "Insufficient memory"), "n2", cpu),
                        Optional.empty(), "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."),
                new Case("equal counts sort by reason", 3,
                        statuses("n1", Status.unresolvable("node(s) were unschedulable"),
                                "n2", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
                                "n3", cpu),
                        Optional.empty(), "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's "
                                + "node affinity/selector, 1 node(s) were unschedulable."),
                new Case("a pre-filter rejection replaces the per-node reasons", 2,
                        statuses("n1", Status.unresolvable("pod has an invalid affinity"),
                                "n2", Status.unresolvable("pod has an invalid affinity")),
                        Optional.of("pod has an invalid affinity"), "0/2 nodes are available: pod has an invalid affinity."),
                new Case("no node at all says so", 0, Map.of(), Optional.empty(), "no nodes available to schedule pods"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void message(Case c) {
        assertEquals(c.expected(), new FitError("default/p", c.numAllNodes(), c.statuses(), c.preFilter(), Set.of())
                .message());
    }
}
