package dev.keel.api.quantity;

/** A string that is not a valid quantity; the message quotes it and says what is wrong. */
public final class QuantityFormatException extends IllegalArgumentException {
    public QuantityFormatException(String input, String problem) {
        super("quantity \"" + input + "\" is invalid: " + problem
                + " (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')");
    }
}
