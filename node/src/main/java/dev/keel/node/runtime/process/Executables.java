package dev.keel.node.runtime.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the executable of a command as {@code execvp} would, so that a missing one is reported before starting
 * (with the message Kubernetes users know from runc) rather than as a mysterious exit code 127.
 */
final class Executables {
    private Executables() {
    }

    /**
     * The executable {@code name} stands for: itself when it contains a slash (relative to {@code workingDir}),
     * otherwise the first executable file of that name on {@code path}.
     */
    static Optional<Path> resolve(String name, String path, Path workingDir) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.contains("/")) {
            Path p = workingDir.resolve(name);
            return runnable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = workingDir.resolve(dir).resolve(name);
            if (runnable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean runnable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
