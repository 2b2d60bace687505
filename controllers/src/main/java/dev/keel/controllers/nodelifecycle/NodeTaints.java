package dev.keel.controllers.nodelifecycle;

import dev.keel.api.core.Taint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NoExecute taints that follow a node's Ready condition: {@code node.kubernetes.io/unreachable} while it is
 * Unknown, {@code node.kubernetes.io/not-ready} while it is False, neither while it is True. A taint already there
 * keeps its {@code timeAdded} (eviction deadlines count from it); other taints are left alone.
 */
final class NodeTaints {
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String NO_EXECUTE = "NoExecute";

    private NodeTaints() {
    }

    /** The node's taints as they should be for Ready {@code readyStatus} (anything but False/Unknown: none). */
    static List<Taint> desired(List<Taint> current, String readyStatus, Instant now) {
        String wanted = switch (readyStatus) {
            case "False" -> NOT_READY;
            case "Unknown" -> UNREACHABLE;
            default -> null; // True, or no Ready condition yet
        };
        List<Taint> out = new ArrayList<>();
        boolean present = false;
        for (Taint t : current) {
            boolean ours = NO_EXECUTE.equals(t.effect()) && (UNREACHABLE.equals(t.key()) || NOT_READY.equals(t.key()));
            if (!ours) {
                out.add(t);
            } else if (t.key().equals(wanted) && !present) {
                out.add(t);
                present = true;
            }
        }
        if (wanted != null && !present) {
            out.add(new Taint(wanted, null, NO_EXECUTE, now, Map.of()));
        }
        return out;
    }

    static boolean isOurs(Taint t) {
        return NO_EXECUTE.equals(t.effect()) && (UNREACHABLE.equals(t.key()) || NOT_READY.equals(t.key()));
    }
}
