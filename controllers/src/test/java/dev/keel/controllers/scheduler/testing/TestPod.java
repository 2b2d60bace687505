package dev.keel.controllers.scheduler.testing;

import dev.keel.api.core.Affinity;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.NodeAffinity;
import dev.keel.api.core.NodeSelector;
import dev.keel.api.core.NodeSelectorTerm;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodStatus;
import dev.keel.api.core.PreferredSchedulingTerm;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.core.Toleration;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.quantity.Quantity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A short builder for test pods: {@code pod("a").cpu("500m").port(8080).build()}. Namespace "default". */
public final class TestPod {
    private final ObjectMeta.Builder meta;
    private final List<Container> containers = new ArrayList<>();
    private final List<Container> initContainers = new ArrayList<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private final List<NodeSelectorTerm> requiredTerms = new ArrayList<>();
    private final List<PreferredSchedulingTerm> preferredTerms = new ArrayList<>();
    private final List<ContainerPort> ports = new ArrayList<>();
    private final Map<String, Quantity> requests = new LinkedHashMap<>();
    private boolean requiredAffinity;
    private String nodeName;
    private String schedulerName;
    private Integer priority;
    private String phase;

    private TestPod(String name) {
        meta = ObjectMeta.builder().namespace("default").name(name);
    }

    public static TestPod pod(String name) {
        return new TestPod(name);
    }

    public TestPod namespace(String ns) {
        meta.namespace(ns);
        return this;
    }

    /** cpu request of the main container. */
    public TestPod cpu(String q) {
        requests.put("cpu", Quantity.parse(q));
        return this;
    }

    /** memory request of the main container. */
    public TestPod memory(String q) {
        requests.put("memory", Quantity.parse(q));
        return this;
    }

    /** An extra regular container with these requests (null = not requested). */
    public TestPod container(String cpu, String memory) {
        containers.add(container("c" + (containers.size() + 1), cpu, memory));
        return this;
    }

    public TestPod initContainer(String cpu, String memory) {
        initContainers.add(container("init" + (initContainers.size() + 1), cpu, memory));
        return this;
    }

    public TestPod port(int containerPort) {
        return port(null, containerPort, "TCP", null);
    }

    public TestPod port(Integer hostPort, int containerPort, String protocol, String hostIP) {
        ports.add(new ContainerPort(null, hostPort, containerPort, protocol, hostIP, Map.of()));
        return this;
    }

    public TestPod nodeSelector(String key, String value) {
        nodeSelector.put(key, value);
        return this;
    }

    /** Adds a required node affinity term (the pod then has required affinity even with no term). */
    public TestPod required(NodeSelectorTerm... terms) {
        requiredAffinity = true;
        requiredTerms.addAll(List.of(terms));
        return this;
    }

    public TestPod preferred(int weight, NodeSelectorTerm term) {
        preferredTerms.add(new PreferredSchedulingTerm(weight, term, Map.of()));
        return this;
    }

    public TestPod toleration(String key, String operator, String value, String effect) {
        tolerations.add(new Toleration(key, operator, value, effect, null, Map.of()));
        return this;
    }

    public TestPod nodeName(String n) {
        nodeName = n;
        return this;
    }

    public TestPod schedulerName(String n) {
        schedulerName = n;
        return this;
    }

    public TestPod priority(int p) {
        priority = p;
        return this;
    }

    public TestPod created(Instant t) {
        meta.creationTimestamp(t);
        return this;
    }

    public TestPod deleting() {
        meta.deletionTimestamp(Instant.parse("2024-01-01T00:00:00Z"));
        return this;
    }

    public TestPod phase(String p) {
        phase = p;
        return this;
    }

    public TestPod label(String key, String value) {
        Map<String, String> labels = new LinkedHashMap<>(meta.build().labels());
        labels.put(key, value);
        meta.labels(labels);
        return this;
    }

    /** A controller owner reference to {@code kind/name} (uid = name + "-uid"). */
    public TestPod ownedBy(String kind, String name) {
        meta.ownerReferences(List.of(new OwnerReference("apps/v1", kind, name, name + "-uid", true, true, Map.of())));
        return this;
    }

    public Pod build() {
        List<Container> all = new ArrayList<>();
        Container main = Container.builder().name("main").image("img:1").ports(ports)
                .resources(ResourceRequirements.of(requests, Map.of())).build();
        all.add(main);
        all.addAll(containers);
        Affinity affinity = requiredAffinity || !preferredTerms.isEmpty()
                ? new Affinity(new NodeAffinity(requiredAffinity ? new NodeSelector(requiredTerms, Map.of()) : null,
                preferredTerms, Map.of()), Map.of())
                : null;
        PodSpec spec = PodSpec.builder().containers(all).initContainers(initContainers).nodeSelector(nodeSelector)
                .tolerations(tolerations).affinity(affinity).nodeName(nodeName).schedulerName(schedulerName)
                .priority(priority).build();
        Pod pod = Pod.of(meta.build(), spec);
        return phase == null ? pod : pod.withStatus(PodStatus.builder().phase(phase).build());
    }

    private static Container container(String name, String cpu, String memory) {
        Map<String, Quantity> r = new LinkedHashMap<>();
        if (cpu != null) {
            r.put("cpu", Quantity.parse(cpu));
        }
        if (memory != null) {
            r.put("memory", Quantity.parse(memory));
        }
        return Container.builder().name(name).image("img:1").resources(ResourceRequirements.of(r, Map.of())).build();
    }
}
