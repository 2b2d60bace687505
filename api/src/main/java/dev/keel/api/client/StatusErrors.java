package dev.keel.api.client;

import dev.keel.api.codec.DecodeException;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.meta.Status;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Maps failures to the {@link ApiException} kinds, in one place: a Status (from an error response or a watch ERROR
 * event) by its reason, then by its code; an I/O failure or timeout to {@link TransientException}.
 */
final class StatusErrors {
    private StatusErrors() {
    }

    /** The exception for an error response with {@code body} (a Status, or anything else a proxy may send). */
    static ApiException fromResponse(KubeCodec codec, String request, int httpCode, byte[] body) {
        Status status;
        try {
            status = codec.decode(body, Status.class);
        } catch (DecodeException | IllegalArgumentException e) {
            String text = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).strip();
            status = Status.failure(httpCode, "", text.isEmpty() ? "(no body)" : text, null);
        }
        return fromStatus(request, httpCode, status);
    }

    /** The exception for {@code status}; {@code httpCode} 0 means "take the Status's code" (watch events). */
    static ApiException fromStatus(String request, int httpCode, Status status) {
        int code = httpCode != 0 ? httpCode : status.code() == null ? 0 : status.code();
        String reason = status.reason() == null ? "" : status.reason();
        String message = status.message() == null ? "" : status.message();
        switch (reason) {
            case "NotFound":
                return new NotFoundException(request, code, reason, message, status);
            case "AlreadyExists":
                return new AlreadyExistsException(request, code, reason, message, status);
            case "Conflict":
                return new ConflictException(request, code, reason, message, status);
            case "Gone":
            case "Expired":
                return new GoneException(request, code, reason, message, status);
            case "Invalid":
                return new InvalidException(request, code, reason, message, status);
            case "Unauthorized":
                return new UnauthorizedException(request, code, reason, message, status);
            case "Forbidden":
                return new ForbiddenException(request, code, reason, message, status);
            case "BadRequest":
                return new BadRequestException(request, code, reason, message, status);
            case "ServerTimeout":
            case "Timeout":
            case "TooManyRequests":
            case "ServiceUnavailable":
            case "InternalError":
                return new TransientException(request, code, reason, message, status, null);
            default:
                return byCode(request, code, reason, message, status);
        }
    }

    private static ApiException byCode(String request, int code, String reason, String message, Status status) {
        String r = reason.isEmpty() ? defaultReason(code) : reason;
        switch (code) {
            case 400:
                return new BadRequestException(request, code, r, message, status);
            case 401:
                return new UnauthorizedException(request, code, r, message, status);
            case 403:
                return new ForbiddenException(request, code, r, message, status);
            case 404:
                return new NotFoundException(request, code, r, message, status);
            case 409:
                return new ConflictException(request, code, r, message, status);
            case 410:
                return new GoneException(request, code, r, message, status);
            case 422:
                return new InvalidException(request, code, r, message, status);
            case 429:
            case 500:
            case 502:
            case 503:
            case 504:
                return new TransientException(request, code, r, message, status, null);
            default:
                return new StatusException(request, code, r, message, status);
        }
    }

    private static String defaultReason(int code) {
        switch (code) {
            case 400: return "BadRequest";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "NotFound";
            case 405: return "MethodNotAllowed";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "RequestEntityTooLarge";
            case 415: return "UnsupportedMediaType";
            case 422: return "Invalid";
            case 429: return "TooManyRequests";
            case 500: return "InternalError";
            case 503: return "ServiceUnavailable";
            case 504: return "Timeout";
            default: return "Unknown";
        }
    }

    /**
     * Translates a failure of the HTTP exchange: a timeout, cancellation or I/O error becomes a
     * {@link TransientException}; an {@link ApiException} or other runtime exception passes through unchanged.
     */
    static RuntimeException translate(String request, Throwable t, Duration timeout) {
        Throwable c = unwrap(t);
        if (c instanceof ApiException e) {
            return e;
        }
        if (c instanceof TimeoutException || c instanceof HttpTimeoutException) {
            return new TransientException(request, 0, "Timeout", "no response within " + timeout, null, c);
        }
        if (c instanceof CancellationException) {
            return new TransientException(request, 0, "Cancelled", "the request was cancelled", null, c);
        }
        if (c instanceof IOException) {
            return new TransientException(request, 0, "ConnectionFailed", String.valueOf(c.getMessage()), null, c);
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(request + ": unexpected failure", c);
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
