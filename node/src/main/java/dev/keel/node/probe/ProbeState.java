package dev.keel.node.probe;

/**
 * The current verdict of one probe after its thresholds. Initial values follow the kubelet: liveness starts as
 * {@link #SUCCESS} (alive until proven dead), readiness as {@link #FAILURE} (not ready until proven ready), startup
 * as {@link #UNKNOWN}.
 */
public enum ProbeState {
    SUCCESS,
    FAILURE,
    UNKNOWN;

    static ProbeState initial(ProbeType type) {
        switch (type) {
            case LIVENESS:
                return SUCCESS;
            case READINESS:
                return FAILURE;
            default:
                return UNKNOWN;
        }
    }
}
