package dev.keel.api.client;

import dev.keel.api.meta.Status;

/**
 * A failure that may go away: 429 TooManyRequests, 500 InternalError, 503 ServiceUnavailable, 504 and
 * {@code ServerTimeout}/{@code Timeout} Statuses, a client-side request timeout, or an I/O error (refused or
 * broken connection). Callers retry with backoff; the cause is kept.
 */
public final class TransientException extends ApiException {
    TransientException(String request, int code, String reason, String message, Status status, Throwable cause) {
        super(request, code, reason, message, status, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
