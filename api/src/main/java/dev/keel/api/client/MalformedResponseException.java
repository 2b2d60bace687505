package dev.keel.api.client;

/** The server answered, but not in the Kubernetes wire format (an undecodable body or watch line). */
public final class MalformedResponseException extends ApiException {
    MalformedResponseException(String request, int code, String message, Throwable cause) {
        super(request, code, "MalformedResponse", message, null, cause);
    }
}
