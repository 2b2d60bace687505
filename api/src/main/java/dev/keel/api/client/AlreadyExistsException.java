package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 409 AlreadyExists: create of a name that is taken. */
public final class AlreadyExistsException extends ApiException {
    AlreadyExistsException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
