package dev.keel.api.codec;

/**
 * A request body that cannot be read as the expected object: malformed JSON or YAML, a value of the wrong type,
 * an invalid quantity, or a kind/apiVersion that does not match. The apiserver answers 400 Bad Request with
 * {@link #getMessage()}, which names the field path (e.g. {@code spec.containers[0].ports[0].containerPort}) and,
 * when known, the line and column (1-based) in the body.
 */
public final class DecodeException extends RuntimeException {
    private final String field;
    private final String reason;
    private final int line;
    private final int column;

    /**
     * @param field  the JSON path of the bad value, "" for the document itself
     * @param reason what is wrong
     * @param line   1-based line, or -1 if unknown
     * @param column 1-based column, or -1 if unknown
     */
    public DecodeException(String field, String reason, int line, int column, Throwable cause) {
        super(format(field, reason, line, column), cause);
        this.field = field;
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public DecodeException(String reason) {
        this("", reason, -1, -1, null);
    }

    private static String format(String field, String reason, int line, int column) {
        StringBuilder sb = new StringBuilder();
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        sb.append(reason);
        if (line > 0) {
            sb.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return sb.toString();
    }

    /** The JSON path of the bad value; "" when the problem is the document as a whole. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** 1-based line in the input, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column in the input, or -1. */
    public int column() {
        return column;
    }
}
