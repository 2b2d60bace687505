package dev.keel.api.client;

import dev.keel.api.meta.Status;
import dev.keel.api.meta.StatusCause;

import java.util.List;

/** 422 Invalid: the object failed validation; {@link #causes()} names each bad field. */
public final class InvalidException extends ApiException {
    InvalidException(String request, int code, String reason, String message, Status status) {
        super(request, code, reason, message, status, null);
    }

    /** The failing fields, as the server listed them in {@code details.causes}. */
    public List<StatusCause> causes() {
        return status().map(s -> s.details() == null ? List.<StatusCause>of() : s.details().causes()).orElse(List.of());
    }
}
