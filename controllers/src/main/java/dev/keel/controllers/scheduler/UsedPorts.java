package dev.keel.controllers.scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The ports bound on one node, as a multiset (two pods bound to a node with the same port, e.g. by a direct
 * {@code nodeName}, are both counted, so removing one keeps the port in use). Immutable: changes return a copy.
 */
public final class UsedPorts {
    public static final UsedPorts EMPTY = new UsedPorts(Map.of());

    private final Map<HostPort, Integer> counts;

    private UsedPorts(Map<HostPort, Integer> counts) {
        this.counts = counts;
    }

    /** True if any of {@code ports} collides with a port in use (see {@link HostPort#conflictsWith}). */
    public boolean conflictsWithAny(Collection<HostPort> ports) {
        for (HostPort wanted : ports) {
            for (HostPort used : counts.keySet()) {
                if (wanted.conflictsWith(used)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean contains(HostPort port) {
        return counts.containsKey(port);
    }

    public int size() {
        return counts.size();
    }

    public UsedPorts plus(Collection<HostPort> ports) {
        if (ports.isEmpty()) {
            return this;
        }
        Map<HostPort, Integer> copy = new HashMap<>(counts);
        ports.forEach(p -> copy.merge(p, 1, Integer::sum));
        return new UsedPorts(Map.copyOf(copy));
    }

    public UsedPorts minus(Collection<HostPort> ports) {
        if (ports.isEmpty()) {
            return this;
        }
        Map<HostPort, Integer> copy = new HashMap<>(counts);
        ports.forEach(p -> copy.computeIfPresent(p, (k, n) -> n > 1 ? n - 1 : null));
        return new UsedPorts(Map.copyOf(copy));
    }

    @Override
    public String toString() {
        return counts.keySet().toString();
    }
}
