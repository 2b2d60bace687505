package dev.keel.node.logs;

import dev.keel.node.runtime.ContainerKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where container logs live, laid out as the kubelet lays out {@code /var/log/pods}:
 * {@code <root>/<namespace>_<pod>_<uid>/<container>/<attempt>.log}, one file per container instance (attempt 0 is
 * the first run, attempt n the n-th restart).
 */
public final class LogPaths {
    private final Path root;

    public LogPaths(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path podDir(String namespace, String pod, String uid) {
        return root.resolve(namespace + "_" + pod + "_" + uid);
    }

    public Path file(ContainerKey key, int attempt) {
        return podDir(key.namespace(), key.podName(), key.podUid()).resolve(key.container()).resolve(attempt + ".log");
    }

    /** Deletes the log files of attempts before {@code keepFrom} (the kubelet keeps the current and previous ones). */
    public void prune(ContainerKey key, int keepFrom) {
        for (int a = keepFrom - 1; a >= 0; a--) {
            try {
                if (!Files.deleteIfExists(file(key, a))) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Deletes every log of a pod (it has left the node). */
    public void deletePod(String namespace, String pod, String uid) throws IOException {
        Path dir = podDir(namespace, pod, uid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
