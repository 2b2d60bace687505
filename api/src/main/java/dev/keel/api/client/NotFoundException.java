package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 404 NotFound: the object (or its namespace) does not exist. */
public final class NotFoundException extends ApiException {
    NotFoundException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
