package dev.keel.apiserver.kubeconfig;

import dev.keel.apiserver.auth.TokenFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A kubeconfig for an admin of a Keel apiserver: the cluster (server URL and the CA certificate, inlined), a user
 * with the bearer token, and a context {@code keel} that is the current one.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** The kubeconfig text. */
    public static String render(String server, String caPem, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: keel
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: keel-admin
                  user:
                    token: %s
                contexts:
                - name: keel
                  context:
                    cluster: keel
                    user: keel-admin
                    namespace: default
                current-context: keel
                """.formatted(server, ca, token);
    }

    /**
     * The kubeconfig of the apiserver whose data dir is {@code dataDir}: its CA from {@code pki/ca.crt} and the
     * first token of {@code tokenFile}.
     */
    public static String forDataDir(Path dataDir, Path tokenFile, String server) {
        Path ca = dataDir.resolve("pki").resolve("ca.crt");
        if (!Files.exists(ca)) {
            throw new IllegalArgumentException(ca + " does not exist: start the apiserver with --data-dir " + dataDir
                    + " once first (it makes the CA)");
        }
        if (!Files.exists(tokenFile)) {
            throw new IllegalArgumentException("token file " + tokenFile + " does not exist");
        }
        try {
            return render(server, Files.readString(ca), TokenFile.loadOrCreate(tokenFile).adminToken());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ca, e);
        }
    }

    /** Writes {@code text} to {@code file}, readable by the owner only (it holds a token). */
    public static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing kubeconfig " + file, e);
        }
    }
}
