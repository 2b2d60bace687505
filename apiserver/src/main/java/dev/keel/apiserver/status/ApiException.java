package dev.keel.apiserver.status;

import dev.keel.api.meta.Status;

import java.util.Objects;

/**
 * An expected failure of one request, carrying the Kubernetes {@link Status} the client gets. Thrown anywhere in
 * request handling and turned into the response in one place (the HTTP handler). Use {@link Errors} to build one.
 */
public final class ApiException extends RuntimeException {
    private final Status status;

    public ApiException(Status status) {
        super(status.message(), null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    public String reason() {
        return status.reason();
    }
}
