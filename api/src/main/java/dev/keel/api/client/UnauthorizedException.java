package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 401 Unauthorized: no or a wrong bearer token. */
public final class UnauthorizedException extends ApiException {
    UnauthorizedException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
