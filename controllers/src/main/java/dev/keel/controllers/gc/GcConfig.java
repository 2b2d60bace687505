package dev.keel.controllers.gc;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;

import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link GarbageCollector}.
 *
 * @param workers           reconcile workers (default 2; kube-controller-manager's --concurrent-gc-syncs is 20)
 * @param resources         the resources whose objects are watched as owners and dependents (default: every stored
 *                          resource, {@code Kinds.RESOURCES})
 * @param absentOwnerMemory how many owner uids confirmed absent are remembered, to spare a lookup per dependent of
 *                          a deleted owner (default 1024)
 */
public record GcConfig(int workers, List<ResourceType<?>> resources, int absentOwnerMemory) {
    public GcConfig {
        if (workers <= 0) {
            throw new IllegalArgumentException("gc workers must be positive, got " + workers);
        }
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        if (absentOwnerMemory <= 0) {
            throw new IllegalArgumentException("gc absentOwnerMemory must be positive, got " + absentOwnerMemory);
        }
    }

    public static GcConfig defaults() {
        return new GcConfig(2, Kinds.RESOURCES, 1024);
    }
}
