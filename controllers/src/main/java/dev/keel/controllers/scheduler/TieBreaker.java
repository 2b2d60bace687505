package dev.keel.controllers.scheduler;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Chooses among nodes with the same best score. */
@FunctionalInterface
public interface TieBreaker {
    /** One of {@code candidates} (non-empty, sorted by node name). */
    String pick(List<String> candidates);

    /** The first name in order: fully deterministic. */
    static TieBreaker byNodeName() {
        return candidates -> candidates.get(0);
    }

    /**
     * A uniformly random candidate from {@code random}: spreads equal pods across equal nodes as Kubernetes does,
     * and is deterministic for a seeded generator. The generator is used from the scheduling thread only.
     */
    static TieBreaker random(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return candidates -> candidates.get(candidates.size() == 1 ? 0 : random.nextInt(candidates.size()));
    }
}
