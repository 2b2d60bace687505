package dev.keel.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerState;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodStatus;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a pod's status from its container records: container statuses, phase and conditions, as the kubelet
 * computes them. Pure: the same inputs give an equal status, so the worker can skip writes that change nothing.
 */
final class PodStatuses {
    static final String PENDING = "Pending";
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    /** How a container counts for the phase. */
    private enum View { CREATING, RUNNING, RESTARTING, SUCCEEDED, FAILED }

    private PodStatuses() {
    }

    /**
     * @param pod         the pod as cached (its status gives PodScheduled, startTime and fields the agent does not own)
     * @param records     the container records, by container name
     * @param terminating the pod is being deleted or is terminal: nothing will be restarted
     * @param hostIP      the node's address
     * @param podIP       the pod's address (the node's for host-network pods and nodes without a pod CIDR); empty
     *                    while it has none (its pod CIDR is exhausted)
     */
    static PodStatus build(Pod pod, Map<String, ContainerRecord> records, String hostIP, Optional<String> podIP,
                           Instant startTime, boolean terminating, Instant now) {
        String policy = pod.spec().restartPolicy();
        List<ContainerStatus> statuses = new ArrayList<>();
        List<View> views = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            ContainerRecord r = records.get(c.name());
            ContainerStatus s = containerStatus(pod, c, r, policy, terminating);
            statuses.add(s);
            views.add(view(r, policy, terminating));
            if (!Boolean.TRUE.equals(s.ready())) {
                unready.add(c.name());
            }
        }
        String phase = phase(views);
        boolean terminal = phase.equals(SUCCEEDED) || phase.equals(FAILED);
        List<Condition> previous = pod.status().conditions();
        List<Condition> conditions = new ArrayList<>();
        conditions.add(previous.stream().filter(c -> c.type().equals("PodScheduled")).findFirst()
                .orElse(condition("PodScheduled", true, null, null, previous, now)));
        conditions.add(condition("Initialized", true, null, null, previous, now));
        String reason = terminal ? "PodCompleted" : unready.isEmpty() ? null : "ContainersNotReady";
        String message = terminal || unready.isEmpty() ? null
                : "containers with unready status: [" + String.join(" ", unready) + "]";
        conditions.add(condition("ContainersReady", unready.isEmpty() && !terminal, reason, message, previous, now));
        conditions.add(condition("Ready", unready.isEmpty() && !terminal, reason, message, previous, now));
        Map<String, JsonNode> unknown = new HashMap<>(pod.status().unknownFields());
        podIP.ifPresentOrElse(ip -> unknown.put("podIPs", ips(ip)), () -> unknown.remove("podIPs"));
        unknown.put("hostIPs", ips(hostIP));
        Instant start = pod.status().startTime() != null ? pod.status().startTime() : Attempt.seconds(startTime);
        return pod.status().toBuilder()
                .phase(phase)
                .conditions(conditions)
                .hostIP(hostIP)
                .podIP(podIP.orElse(null))
                .startTime(start)
                .containerStatuses(statuses)
                .unknownFields(unknown)
                .build();
    }

    static String phase(List<View> views) {
        if (views.contains(View.CREATING)) {
            return PENDING;
        }
        if (views.contains(View.RUNNING) || views.contains(View.RESTARTING)) {
            return RUNNING;
        }
        return views.contains(View.FAILED) ? FAILED : SUCCEEDED;
    }

    private static View view(ContainerRecord r, String policy, boolean terminating) {
        if (r == null || r.latest == null) {
            return View.CREATING;
        }
        if (r.running()) {
            return View.RUNNING;
        }
        int code = r.latest.exitCode().orElse(0);
        if (!terminating && RestartRule.restarts(policy, code)) {
            return r.everRan() ? View.RESTARTING : View.CREATING;
        }
        return code == 0 ? View.SUCCEEDED : View.FAILED;
    }

    private static ContainerStatus containerStatus(Pod pod, Container c, ContainerRecord r, String policy,
                                                   boolean terminating) {
        ContainerStatus.Builder b = ContainerStatus.builder().name(c.name()).image(c.image())
                .ready(false).started(false).restartCount(r == null ? 0 : r.restartCount());
        if (r == null || r.latest == null) {
            return b.state(ContainerState.waiting("ContainerCreating", null)).build();
        }
        if (r.latest instanceof Attempt.Ran ran && ran.info().running()) {
            boolean started = r.probes.started();
            boolean ready = started && r.probes.ready();
            return b.state(ContainerState.running(Attempt.seconds(ran.info().startedAt())))
                    .lastState(last(r.lastTerminated)).containerID(ran.info().id().value())
                    .ready(ready).started(started).build();
        }
        String id = r.latest instanceof Attempt.Ran ran ? ran.info().id().value() : null;
        int code = r.latest.exitCode().orElse(0);
        if (!terminating && RestartRule.restarts(policy, code)) {
            String wait = r.backoff.isZero() ? "" : "back-off " + r.backoff.toSeconds() + "s restarting failed container="
                    + c.name() + " pod=" + pod.metadata().name() + "_" + pod.metadata().namespace() + "("
                    + pod.metadata().uid() + ")";
            ContainerState waiting = r.latest instanceof Attempt.StartFailed f
                    ? ContainerState.waiting(f.reason(), f.message() + (wait.isEmpty() ? "" : "; " + wait))
                    : ContainerState.waiting("CrashLoopBackOff", wait.isEmpty() ? null : wait);
            return b.state(waiting).lastState(new ContainerState(null, null, r.latest.terminated(), Map.of()))
                    .containerID(id).build();
        }
        return b.state(new ContainerState(null, null, r.latest.terminated(), Map.of())).lastState(last(r.lastTerminated))
                .containerID(id).build();
    }

    private static ContainerState last(dev.keel.api.core.ContainerStateTerminated t) {
        return t == null ? null : new ContainerState(null, null, t, Map.of());
    }

    private static Condition condition(String type, boolean status, String reason, String message,
                                       List<Condition> previous, Instant now) {
        String s = status ? "True" : "False";
        Optional<Condition> same = previous.stream().filter(c -> c.type().equals(type) && s.equals(c.status()))
                .findFirst();
        Instant transition = same.map(Condition::lastTransitionTime).orElse(Attempt.seconds(now));
        return new Condition(type, s, null, null, null, transition, reason, message, Map.of());
    }

    private static JsonNode ips(String address) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.addObject().put("ip", address);
        return a;
    }
}
