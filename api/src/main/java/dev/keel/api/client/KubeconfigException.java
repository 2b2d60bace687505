package dev.keel.api.client;

import java.nio.file.Path;

/** A kubeconfig file Keel cannot use; the message names the file and the bad entry. */
public final class KubeconfigException extends IllegalArgumentException {
    KubeconfigException(Path file, String message) {
        super("kubeconfig " + file + ": " + message);
    }
}
