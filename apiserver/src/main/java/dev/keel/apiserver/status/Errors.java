package dev.keel.apiserver.status;

import dev.keel.api.codec.DecodeException;
import dev.keel.api.meta.Status;
import dev.keel.api.meta.StatusCause;
import dev.keel.api.meta.StatusDetails;
import dev.keel.api.selector.SelectorException;
import dev.keel.api.validation.FieldError;
import dev.keel.kvstore.api.KvException;
import io.grpc.StatusRuntimeException;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Builds the {@link ApiException}s of the API, with Kubernetes' reasons and messages (kubectl prints them as
 * {@code Error from server (<reason>): <message>}), and maps any failure to one in {@link #from}.
 *
 * <p>{@code resource} is the plural resource name ({@code pods}); {@code group} the API group ("" for core).
 */
public final class Errors {
    private Errors() {
    }

    public static ApiException notFound(String group, String resource, String name) {
        return new ApiException(Status.failure(404, "NotFound", qualified(group, resource) + " \"" + name
                + "\" not found", StatusDetails.of(group, resource, name, List.of())));
    }

    public static ApiException notFoundPath(String path) {
        return new ApiException(Status.failure(404, "NotFound", "the server could not find the requested resource ("
                + path + ")", null));
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return new ApiException(Status.failure(409, "AlreadyExists", qualified(group, resource) + " \"" + name
                + "\" already exists", StatusDetails.of(group, resource, name, List.of())));
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return new ApiException(Status.failure(409, "Conflict", "Operation cannot be fulfilled on "
                + qualified(group, resource) + " \"" + name + "\": " + why,
                StatusDetails.of(group, resource, name, List.of())));
    }

    /** 409 for a stale resourceVersion, worded as the real server words it. */
    public static ApiException modified(String group, String resource, String name) {
        return conflict(group, resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 Invalid with one cause per field error; {@code kind} is the Kind (kubectl prints "The Pod "x" is invalid"). */
    public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
        List<StatusCause> causes = errors.stream()
                .map(e -> StatusCause.of(e.type().reason(), e.message(), e.field())).toList();
        StringBuilder msg = new StringBuilder(kind + " \"" + (name == null ? "" : name) + "\" is invalid: ");
        if (errors.size() == 1) {
            msg.append(errors.get(0));
        } else {
            msg.append('[');
            for (int i = 0; i < errors.size(); i++) {
                msg.append(i == 0 ? "" : ", ").append(errors.get(i));
            }
            msg.append(']');
        }
        return new ApiException(Status.failure(422, "Invalid", msg.toString(),
                StatusDetails.of(group, kind, name, causes)));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.failure(400, "BadRequest", message, null));
    }

    /** 400 for a body that cannot be decoded; the cause names the field when it is known. */
    public static ApiException badBody(DecodeException e) {
        List<StatusCause> causes = e.field().isEmpty() ? List.of()
                : List.of(StatusCause.of("FieldValueInvalid", e.reason(), e.field()));
        return new ApiException(Status.failure(400, "BadRequest", "the request body is invalid: " + e.getMessage(),
                causes.isEmpty() ? null : StatusDetails.of(null, null, null, causes)));
    }

    public static ApiException unauthorized() {
        return new ApiException(Status.failure(401, "Unauthorized", "Unauthorized", null));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Status.failure(403, "Forbidden", message, null));
    }

    public static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(Status.failure(405, "MethodNotAllowed", "the server does not allow this method on "
                + "the requested resource (" + method + " " + path + ")", null));
    }

    public static ApiException gone(String message) {
        return new ApiException(Status.failure(410, "Expired", message, null));
    }

    public static ApiException tooLarge(long limit) {
        return new ApiException(Status.failure(413, "RequestEntityTooLarge", "the request body is too large: limit is "
                + limit + " bytes", null));
    }

    public static ApiException unsupportedMediaType(String contentType, List<String> supported) {
        return new ApiException(Status.failure(415, "UnsupportedMediaType", "the body of the request was in an "
                + "unknown format - accepted media types include: " + String.join(", ", supported)
                + (contentType == null ? "" : " (got " + contentType + ")"), null));
    }

    public static ApiException notAcceptable(String accept) {
        return new ApiException(Status.failure(406, "NotAcceptable", "only the following media types are accepted: "
                + "application/json, application/yaml (got " + accept + ")", null));
    }

    public static ApiException timeout(String message) {
        return new ApiException(Status.failure(504, "Timeout", message, null));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.failure(503, "ServiceUnavailable", message, null));
    }

    public static ApiException internal(String message) {
        return new ApiException(Status.failure(500, "InternalError", "Internal error occurred: " + message, null));
    }

    /**
     * The API error for any failure: an ApiException as is; bad input (decode, selector) as 400; store outages and
     * timeouts as 503/504; anything else as 500 (a bug: the caller logs it).
     */
    public static ApiException from(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException a) {
            return a;
        }
        if (t instanceof DecodeException d) {
            return badBody(d);
        }
        if (t instanceof SelectorException s) {
            return badRequest(s.getMessage());
        }
        if (t instanceof TimeoutException || t instanceof CancellationException) {
            return timeout("the store did not answer in time");
        }
        if (t instanceof KvException k) {
            return unavailable("store error: " + k.getMessage());
        }
        if (t instanceof StatusRuntimeException g) {
            return g.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED
                    ? timeout("the store did not answer in time: " + g.getStatus().getDescription())
                    : unavailable("the store is unavailable: " + g.getStatus());
        }
        return internal(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    /** True for failures that are bugs of the server, not of the client or the store. */
    public static boolean isInternal(ApiException e) {
        return e.code() == 500;
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
