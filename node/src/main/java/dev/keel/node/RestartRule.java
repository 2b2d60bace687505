package dev.keel.node;

/** Whether a finished container is started again, by {@code spec.restartPolicy} (default Always). */
final class RestartRule {
    private RestartRule() {
    }

    static boolean restarts(String policy, int exitCode) {
        if (policy == null || policy.equals("Always")) {
            return true;
        }
        if (policy.equals("OnFailure")) {
            return exitCode != 0;
        }
        return false;
    }
}
