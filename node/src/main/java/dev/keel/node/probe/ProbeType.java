package dev.keel.node.probe;

/** Which of a container's probes. */
public enum ProbeType {
    /** Failure means: restart the container. */
    LIVENESS,
    /** Failure means: the container is not ready (no traffic through its Service). */
    READINESS,
    /** Until it succeeds, liveness and readiness are not probed; failure means: restart the container. */
    STARTUP;

    /** The name used in messages and events: {@code Liveness}, {@code Readiness}, {@code Startup}. */
    public String display() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
