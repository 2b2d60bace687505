package dev.keel.api.client;

import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.meta.ObjectMeta;

import java.util.List;
import java.util.Map;

/** Small pod builders for the client and informer tests. */
public final class TestPods {
    private TestPods() {
    }

    public static Pod pod(String namespace, String name) {
        return pod(namespace, name, Map.of());
    }

    public static Pod pod(String namespace, String name, Map<String, String> labels) {
        return Pod.of(ObjectMeta.builder().namespace(namespace).name(name).labels(labels).build(),
                PodSpec.builder().containers(List.of(Container.of("main", "busybox"))).build());
    }

    public static Pod onNode(Pod p, String node) {
        return p.withSpec(p.spec().withNodeName(node));
    }

    public static Pod labelled(Pod p, String key, String value) {
        Map<String, String> labels = new java.util.TreeMap<>(p.metadata().labels());
        labels.put(key, value);
        return p.withMetadata(p.metadata().toBuilder().labels(labels).build());
    }
}
