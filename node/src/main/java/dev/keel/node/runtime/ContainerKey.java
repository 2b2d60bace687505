package dev.keel.node.runtime;

import java.util.Objects;

/**
 * Which container of which pod: the pod's uid (so a pod deleted and created again under the same name is another
 * pod), its namespace and name (for logs and messages), and the container's name in the pod spec.
 */
public record ContainerKey(String podUid, String namespace, String podName, String container) {
    public ContainerKey {
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(container, "container");
    }

    @Override
    public String toString() {
        return namespace + "/" + podName + "/" + container + " (pod uid " + podUid + ")";
    }
}
