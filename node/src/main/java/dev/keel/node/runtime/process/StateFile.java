package dev.keel.node.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.node.runtime.ContainerKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the process runtime writes down per container instance ({@code <data>/containers/<podUid>_<name>_<attempt>.json}),
 * so that after a crash of the agent it can find its processes again: the pid with its start time (a reused pid
 * has another start time), and once the exit has been observed, the exit code.
 *
 * @param startTicks     {@code /proc/<pid>/stat} field 22 at start
 * @param startedAtMillis wall-clock start, epoch millis
 * @param exitCode       {@code null} while running or when the exit was not observed
 * @param finishedAtMillis epoch millis of the observed exit, or {@code null}
 */
record StateFile(String podUid, String namespace, String podName, String container, int attempt, String image,
                 long pid, long startTicks, long startedAtMillis, Integer exitCode, Long finishedAtMillis) {

    ContainerKey key() {
        return new ContainerKey(podUid, namespace, podName, container);
    }

    StateFile exited(int code, long finishedAt) {
        return new StateFile(podUid, namespace, podName, container, attempt, image, pid, startTicks, startedAtMillis,
                code, finishedAt);
    }

    static Path pathFor(Path dir, ContainerKey key, int attempt) {
        return dir.resolve(key.podUid() + "_" + key.container() + "_" + attempt + ".json");
    }

    /** Writes atomically (temp file + rename), so a crash never leaves half a file. */
    void write(ObjectMapper json, Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, json.writeValueAsBytes(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + " of " + key() + " attempt "
                    + attempt, e);
        }
    }

    static StateFile read(ObjectMapper json, Path file) throws IOException {
        return json.readValue(file.toFile(), StateFile.class);
    }
}
