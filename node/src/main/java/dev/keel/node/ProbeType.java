package dev.keel.node;

/** The three probes of a container. */
public enum ProbeType {
    LIVENESS,
    READINESS,
    STARTUP
}
