package dev.keel.api.client;

import dev.keel.api.meta.Status;

/** 410 Gone/Expired: the requested resourceVersion (or continue token) has been compacted; list again. */
public final class GoneException extends ApiException {
    GoneException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }
}
