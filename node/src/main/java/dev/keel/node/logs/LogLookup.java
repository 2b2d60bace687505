package dev.keel.node.logs;

/** The answer to "which log file": found, or a message naming what is missing (the HTTP status says which kind). */
public sealed interface LogLookup permits LogLookup.Found, LogLookup.Missing {

    record Found(LogTarget target) implements LogLookup {
    }

    /**
     * @param status  404 (no such pod on this node) or 400 (no such container, no previous instance)
     * @param message what was asked for and what exists
     */
    record Missing(int status, String message) implements LogLookup {
    }
}
