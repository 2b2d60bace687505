package dev.keel.node;

import java.time.Duration;

/**
 * The kubelet's restart back-off: the first restart is immediate, the next ones wait {@code base}, then twice as
 * long each time, up to {@code max}; a container that ran for {@code reset} or longer starts afresh.
 *
 * <pre>
 *   crashes in a row: 1    2    3    4    5 ...  (base 10 s, max 5 min)
 *   delay:            0    10s  20s  40s  80s ... 300s
 * </pre>
 */
record CrashLoopBackoff(Duration base, Duration max, Duration reset) {

    /** The delay before restarting after the {@code crashesInRow}-th crash in a row (1-based). */
    Duration delay(int crashesInRow) {
        if (crashesInRow <= 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(crashesInRow - 2, 30);
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** The crash count after an instance that ran for {@code ranFor} ended. */
    int next(int crashesInRow, Duration ranFor) {
        return ranFor.compareTo(reset) >= 0 ? 1 : crashesInRow + 1;
    }
}
