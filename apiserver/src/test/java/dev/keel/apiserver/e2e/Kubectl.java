package dev.keel.apiserver.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs /usr/bin/kubectl as a child process with a test kubeconfig and its own HOME (so its cache is private). */
final class Kubectl {
    static final Path BINARY = Path.of("/usr/bin/kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path kubeconfig;
    private final Path home;

    Kubectl(Path kubeconfig, Path home) {
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    record Result(int exit, String out, String err) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("kubectl failed (" + exit + "):\n" + out + "\n" + err);
            }
            return this;
        }
    }

    Result run(String... args) {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> env, String... args) {
        Path out = home.resolve("out-" + System.nanoTime());
        Path err = home.resolve("err-" + System.nanoTime());
        Process p = start(env, out, err, args);
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
                        + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts kubectl without waiting, its stdout and stderr going to the given files. */
    Process start(Map<String, String> env, Path out, Path err, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        try {
            Files.createDirectories(home);
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start kubectl", e);
        }
    }
}
