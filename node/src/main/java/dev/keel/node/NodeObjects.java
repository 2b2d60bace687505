package dev.keel.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.core.DaemonEndpoint;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeAddress;
import dev.keel.api.core.NodeDaemonEndpoints;
import dev.keel.api.core.NodeSpec;
import dev.keel.api.core.NodeStatus;
import dev.keel.api.core.Taint;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.ObjectMeta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds the Node a node agent registers and the status it reports. Pure functions of their arguments. */
final class NodeObjects {
    static final String AGENT_VERSION = "v1.32.0-keel";

    private NodeObjects() {
    }

    static Map<String, String> labels(NodeAgentConfig c) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("kubernetes.io/hostname", c.nodeName());
        l.put("kubernetes.io/os", "linux");
        l.put("kubernetes.io/arch", arch());
        l.put("keel.dev/runtime", c.runtime().name().toLowerCase(Locale.ROOT));
        l.putAll(c.labels());
        return l;
    }

    static Node desired(NodeAgentConfig c, int port, String runtimeVersion, List<Condition> conditions) {
        ObjectMeta meta = ObjectMeta.builder().name(c.nodeName()).labels(labels(c)).build();
        NodeSpec spec = withPodCidr(NodeSpec.EMPTY.withTaints(c.taints()), c);
        return Node.of(meta, spec, status(c, port, runtimeVersion, conditions));
    }

    static NodeStatus status(NodeAgentConfig c, int port, String runtimeVersion, List<Condition> conditions) {
        return NodeStatus.builder()
                .capacity(c.capacity())
                .allocatable(c.capacity())
                .conditions(conditions)
                .addresses(List.of(NodeAddress.of("InternalIP", c.address()), NodeAddress.of("Hostname", c.nodeName())))
                .daemonEndpoints(new NodeDaemonEndpoints(new DaemonEndpoint(port, Map.of()), Map.of()))
                .unknownFields(Map.of("nodeInfo", nodeInfo(runtimeVersion)))
                .build();
    }

    /** The Node as it exists, with our labels added and the configured taints that are missing added. */
    static Node merged(Node existing, NodeAgentConfig c) {
        Map<String, String> labels = new HashMap<>(existing.metadata().labels());
        labels.putAll(labels(c));
        List<Taint> taints = new ArrayList<>(existing.spec().taints());
        for (Taint t : c.taints()) {
            boolean present = taints.stream().anyMatch(x -> x.key().equals(t.key()) && x.effect().equals(t.effect()));
            if (!present) {
                taints.add(t);
            }
        }
        return existing.withMetadata(existing.metadata().toBuilder().labels(labels).build())
                .withSpec(withPodCidr(existing.spec().withTaints(taints), c));
    }

    /** {@code spec.podCIDR} and {@code spec.podCIDRs} set to the configured pod CIDR (unchanged without one). */
    static NodeSpec withPodCidr(NodeSpec spec, NodeAgentConfig c) {
        if (c.podCidr().isEmpty()) {
            return spec;
        }
        String cidr = c.podCidr().get();
        Map<String, JsonNode> unknown = new HashMap<>(spec.unknownFields());
        unknown.put("podCIDRs", JsonNodeFactory.instance.arrayNode().add(cidr));
        return new NodeSpec(cidr, spec.providerID(), spec.unschedulable(), spec.taints(), unknown);
    }

    /**
     * The four node conditions from the readings. A condition keeps its lastTransitionTime while its status does
     * not change; lastHeartbeatTime is {@code now}.
     */
    static List<Condition> conditions(NodeReadings r, List<Condition> previous, Instant now) {
        List<Condition> out = new ArrayList<>();
        out.add(condition("Ready", true, "KubeletReady", "keel node agent is posting ready status", previous, now));
        out.add(condition("MemoryPressure", r.memoryPressure(),
                r.memoryPressure() ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory",
                "available memory " + (r.memoryAvailable() >> 20) + "Mi of " + (r.memoryTotal() >> 20) + "Mi",
                previous, now));
        out.add(condition("DiskPressure", r.diskPressure(),
                r.diskPressure() ? "KubeletHasDiskPressure" : "KubeletHasNoDiskPressure",
                "available disk " + (r.diskAvailable() >> 20) + "Mi of " + (r.diskTotal() >> 20) + "Mi",
                previous, now));
        out.add(condition("PIDPressure", r.pidPressure(),
                r.pidPressure() ? "KubeletHasInsufficientPID" : "KubeletHasSufficientPID",
                r.processes() + " processes of at most " + r.pidMax(), previous, now));
        return out;
    }

    /** Whether two condition lists differ in anything but heartbeat times (and the free-space numbers). */
    static boolean changed(List<Condition> a, List<Condition> b) {
        if (a.size() != b.size()) {
            return true;
        }
        for (int i = 0; i < a.size(); i++) {
            Condition x = a.get(i);
            Condition y = b.get(i);
            if (!x.type().equals(y.type()) || !x.status().equals(y.status()) || !x.reason().equals(y.reason())) {
                return true;
            }
        }
        return false;
    }

    private static Condition condition(String type, boolean status, String reason, String message,
                                       List<Condition> previous, Instant now) {
        String s = status ? "True" : "False";
        Instant transition = previous.stream().filter(c -> c.type().equals(type) && s.equals(c.status()))
                .map(Condition::lastTransitionTime).filter(t -> t != null).findFirst().orElse(now);
        return new Condition(type, s, null, now, null, transition, reason, message, Map.of());
    }

    private static JsonNode nodeInfo(String runtimeVersion) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("architecture", arch());
        n.put("operatingSystem", "linux");
        n.put("osImage", osRelease().orElse(System.getProperty("os.name")));
        n.put("kernelVersion", System.getProperty("os.version"));
        n.put("containerRuntimeVersion", runtimeVersion);
        n.put("kubeletVersion", AGENT_VERSION);
        n.put("kubeProxyVersion", AGENT_VERSION);
        n.put("machineID", "");
        n.put("systemUUID", "");
        n.put("bootID", "");
        return n;
    }

    private static Optional<String> osRelease() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return Optional.of(line.substring(12).replace("\"", ""));
                }
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }
}
