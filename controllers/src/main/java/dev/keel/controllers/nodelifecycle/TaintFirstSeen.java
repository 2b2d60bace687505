package dev.keel.controllers.nodelifecycle;

import dev.keel.api.core.Taint;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When this controller first saw a NoExecute taint that carries no {@code timeAdded} (one added by hand), so its
 * tolerationSeconds count from then. Thread-safe.
 */
final class TaintFirstSeen {
    /** node -> "key=value:effect" -> first seen; guarded by {@code this}. */
    private final Map<String, Map<String, Instant>> seen = new HashMap<>();

    synchronized Instant firstSeen(String node, Taint taint, Instant now) {
        String id = taint.key() + "=" + (taint.value() == null ? "" : taint.value()) + ":" + taint.effect();
        return seen.computeIfAbsent(node, n -> new HashMap<>()).computeIfAbsent(id, k -> now);
    }

    synchronized void forget(String node) {
        seen.remove(node);
    }
}
