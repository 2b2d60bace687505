package dev.keel.controllers.scheduler;

import java.util.Objects;

/** The outcome of one scheduling cycle for one pod. */
public sealed interface ScheduleResult
        permits ScheduleResult.Scheduled, ScheduleResult.Unschedulable, ScheduleResult.Failed {

    /**
     * A node was chosen.
     *
     * @param evaluatedNodes nodes the filters ran on (fewer than all when enough feasible nodes were found)
     * @param feasibleNodes  nodes that passed every filter
     */
    record Scheduled(String nodeName, int evaluatedNodes, int feasibleNodes) implements ScheduleResult {
        public Scheduled {
            Objects.requireNonNull(nodeName, "nodeName");
        }
    }

    /** No node fits; the pod waits for a cluster change. */
    record Unschedulable(FitError fitError) implements ScheduleResult {
        public Unschedulable {
            Objects.requireNonNull(fitError, "fitError");
        }
    }

    /** A plugin failed; the pod is retried after back-off. {@code message} names the plugin (and node). */
    record Failed(String message, Throwable cause) implements ScheduleResult {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
