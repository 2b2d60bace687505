package dev.keel.controllers.scheduler.testing;

import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSelectorRequirement;
import dev.keel.api.core.NodeSelectorTerm;
import dev.keel.api.core.NodeSpec;
import dev.keel.api.core.NodeStatus;
import dev.keel.api.core.Taint;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.quantity.Quantity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A short builder for test nodes: {@code node("n1").cpu("2").taint("k", "v", "NoSchedule").build()}. Defaults:
 * 4 cpu, 32Gi memory, 110 pods, no labels, no taints.
 */
public final class TestNode {
    private final String name;
    private final Map<String, Quantity> allocatable = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Taint> taints = new ArrayList<>();
    private boolean unschedulable;

    private TestNode(String name) {
        this.name = name;
        allocatable.put("cpu", Quantity.parse("4"));
        allocatable.put("memory", Quantity.parse("32Gi"));
        allocatable.put("pods", Quantity.parse("110"));
    }

    public static TestNode node(String name) {
        return new TestNode(name);
    }

    public TestNode cpu(String q) {
        allocatable.put("cpu", Quantity.parse(q));
        return this;
    }

    public TestNode memory(String q) {
        allocatable.put("memory", Quantity.parse(q));
        return this;
    }

    public TestNode pods(int n) {
        allocatable.put("pods", Quantity.of(n));
        return this;
    }

    public TestNode label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public TestNode taint(String key, String value, String effect) {
        taints.add(Taint.of(key, value, effect));
        return this;
    }

    public TestNode unschedulable() {
        unschedulable = true;
        return this;
    }

    public Node build() {
        ObjectMeta meta = ObjectMeta.builder().name(name).labels(labels).build();
        NodeSpec spec = NodeSpec.EMPTY.withTaints(taints).withUnschedulable(unschedulable ? true : null);
        NodeStatus status = NodeStatus.builder().allocatable(allocatable).capacity(allocatable).build();
        return Node.of(meta, spec, status);
    }

    /** A node selector term with these label requirements. */
    public static NodeSelectorTerm term(NodeSelectorRequirement... requirements) {
        return new NodeSelectorTerm(List.of(requirements), List.of(), Map.of());
    }

    /** A node selector term on fields ({@code metadata.name}). */
    public static NodeSelectorTerm fieldTerm(NodeSelectorRequirement... requirements) {
        return new NodeSelectorTerm(List.of(), List.of(requirements), Map.of());
    }

    public static NodeSelectorRequirement req(String key, String operator, String... values) {
        return NodeSelectorRequirement.of(key, operator, List.of(values));
    }
}
