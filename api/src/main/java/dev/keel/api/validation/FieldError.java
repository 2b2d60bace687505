package dev.keel.api.validation;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One validation failure of one field. {@link #message()} is the StatusCause message kubectl prints after the
 * field, e.g. {@code Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of ...}.
 *
 * @param badValue the offending value ({@code null} for Required errors)
 * @param detail   why it is wrong; may be empty
 */
public record FieldError(ErrorType type, String field, Object badValue, String detail) {
    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(ErrorType.REQUIRED, path.path(), null, detail);
    }

    public static FieldError invalid(FieldPath path, Object value, String detail) {
        return new FieldError(ErrorType.INVALID, path.path(), value, detail);
    }

    public static FieldError duplicate(FieldPath path, Object value) {
        return new FieldError(ErrorType.DUPLICATE, path.path(), value, "");
    }

    public static FieldError notSupported(FieldPath path, Object value, Collection<String> supported) {
        String detail = "supported values: " + supported.stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(", "));
        return new FieldError(ErrorType.NOT_SUPPORTED, path.path(), value, detail);
    }

    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(ErrorType.FORBIDDEN, path.path(), null, detail);
    }

    /** The message without the field: phrase, value (for Invalid, Duplicate, NotSupported) and detail. */
    public String message() {
        StringBuilder sb = new StringBuilder(type.phrase());
        if (type == ErrorType.INVALID || type == ErrorType.DUPLICATE || type == ErrorType.NOT_SUPPORTED) {
            sb.append(": ").append(render(badValue));
        }
        if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** {@code field: message}, as kubectl prints a cause. */
    @Override
    public String toString() {
        return field + ": " + message();
    }

    private static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> render(String.valueOf(e.getKey())) + ":" + render(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }
}
