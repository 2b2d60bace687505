package dev.keel.api.selector;

/** A label or field selector that does not parse or is not valid; the apiserver answers 400 with the message. */
public final class SelectorException extends IllegalArgumentException {
    public SelectorException(String message) {
        super(message);
    }
}
