package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 409 Conflict: the update carried a stale {@code metadata.resourceVersion}; re-read and retry. */
public final class ConflictException extends ApiException {
    ConflictException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
