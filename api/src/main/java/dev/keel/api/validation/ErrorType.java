package dev.keel.api.validation;

/** The kinds of field errors, with Kubernetes' cause reason and the phrase that starts the message. */
public enum ErrorType {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden");

    private final String reason;
    private final String phrase;

    ErrorType(String reason, String phrase) {
        this.reason = reason;
        this.phrase = phrase;
    }

    /** The {@code StatusCause.reason}, e.g. {@code FieldValueInvalid}. */
    public String reason() {
        return reason;
    }

    public String phrase() {
        return phrase;
    }
}
