package dev.keel.apiserver.rest;

import java.time.Duration;

/**
 * How lists and watches are served.
 *
 * @param watchTimeout  how long a watch without {@code timeoutSeconds} stays open (default 30 min)
 * @param cacheWait     how long a consistent list waits for the watch cache to reach the store's revision before
 *                      reading the store instead (default 250 ms)
 * @param maxListLimit  the largest page a {@code limit} may ask for (default 10,000; larger limits are capped)
 */
public record ServingOptions(Duration watchTimeout, Duration cacheWait, int maxListLimit) {
    public static ServingOptions defaults() {
        return new ServingOptions(Duration.ofMinutes(30), Duration.ofMillis(250), 10_000);
    }
}
