package dev.keel.api.client;

import dev.keel.api.meta.Status;

import java.util.Optional;

/**
 * A request to the apiserver failed. The subclasses are the outcomes a caller branches on; {@link #isTransient()}
 * says whether retrying the same request later may succeed (timeouts, unavailable server, broken connection).
 *
 * <p>The message reads {@code <METHOD> <path>: <code> <reason>: <server message>}, e.g.
 * {@code PUT /api/v1/namespaces/default/pods/web: 409 Conflict: the object has been modified}.
 * {@link #code()} is 0 when no HTTP response was received.
 */
public abstract sealed class ApiException extends RuntimeException
        permits NotFoundException, AlreadyExistsException, ConflictException, GoneException, InvalidException,
        UnauthorizedException, ForbiddenException, BadRequestException, TransientException, StatusException,
        MalformedResponseException {
    private final String request;
    private final int code;
    private final String reason;
    private final String serverMessage;
    private final transient Status status;

    ApiException(String request, int code, String reason, String serverMessage, Status status, Throwable cause) {
        super(request + ": " + (code == 0 ? "" : code + " ") + reason + ": " + serverMessage, cause);
        this.request = request;
        this.code = code;
        this.reason = reason;
        this.serverMessage = serverMessage;
        this.status = status;
    }

    /** {@code METHOD path} of the failed request. */
    public String request() {
        return request;
    }

    /** The HTTP status code (or the Status object's code for watch errors); 0 if there was no response. */
    public int code() {
        return code;
    }

    /** The Kubernetes reason ({@code NotFound}, {@code Conflict}, ...), or a client-side one such as {@code Timeout}. */
    public String reason() {
        return reason;
    }

    /** The server's message (or a description of the client-side failure), without the request prefix. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The Status object the server sent, if it sent one. */
    public Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    /** True if the same request may succeed later (see {@link TransientException}). */
    public boolean isTransient() {
        return false;
    }
}
