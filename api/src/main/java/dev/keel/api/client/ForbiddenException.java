package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 403 Forbidden: the caller may not do this (or the namespace is terminating). */
public final class ForbiddenException extends ApiException {
    ForbiddenException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
