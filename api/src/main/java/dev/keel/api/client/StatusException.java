package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** Any other Status failure (405 MethodNotAllowed, 413, 415, ...): not retried, not expected. */
public final class StatusException extends ApiException {
    StatusException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
