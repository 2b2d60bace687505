package dev.keel.apiserver.protobuf;

/** A protobuf body Keel cannot read: malformed, or using a kind or field it does not decode. */
public final class ProtobufException extends RuntimeException {
    private final boolean unsupported;

    public ProtobufException(String message) {
        this(message, false);
    }

    /** @param unsupported true when the body is well-formed but uses what Keel does not decode (answered 415) */
    public ProtobufException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    public boolean unsupported() {
        return unsupported;
    }
}
