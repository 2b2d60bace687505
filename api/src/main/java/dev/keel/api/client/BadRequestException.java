package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 400 BadRequest: the server could not read the request (malformed body, bad selector, ...). */
public final class BadRequestException extends ApiException {
    BadRequestException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
