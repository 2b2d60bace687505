package dev.keel.controllers.scheduler;

/** A plugin failed inside a cycle; carries which plugin, at which point, for which pod and node. */
final class PluginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
