package dev.keel.apiserver.protobuf;

/**
 * One field of a message schema: its JSON name, how its value is written, the nested message for
 * {@link Type#MESSAGE}, and whether it repeats.
 */
record Field(String json, Type type, String message, boolean repeated) {

    /** Value encodings of Kubernetes' generated.proto. */
    enum Type {
        STRING, INT, BOOL, MESSAGE, STRING_MAP, QUANTITY_MAP, TIME, INT_OR_STRING,
        /** An int whose zero means "unset" (non-pointer Go ints with omitempty). */
        INT_OMIT_ZERO
    }

    static Field string(String json) {
        return new Field(json, Type.STRING, null, false);
    }

    static Field strings(String json) {
        return new Field(json, Type.STRING, null, true);
    }

    static Field integer(String json) {
        return new Field(json, Type.INT, null, false);
    }

    static Field intOmitZero(String json) {
        return new Field(json, Type.INT_OMIT_ZERO, null, false);
    }

    static Field bool(String json) {
        return new Field(json, Type.BOOL, null, false);
    }

    static Field message(String json, String message) {
        return new Field(json, Type.MESSAGE, message, false);
    }

    static Field messages(String json, String message) {
        return new Field(json, Type.MESSAGE, message, true);
    }

    static Field of(String json, Type type) {
        return new Field(json, type, null, false);
    }
}
