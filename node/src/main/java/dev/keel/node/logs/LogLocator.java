package dev.keel.node.logs;

/** Finds the log of a container of a pod on this node (the node agent implements it from its pod workers). */
@FunctionalInterface
public interface LogLocator {
    /**
     * @param container {@code null}: the pod's only container
     * @param previous  the instance before the current one (after a restart)
     */
    LogLookup find(String namespace, String pod, String container, boolean previous);
}
