package dev.keel.apiserver.protobuf;

/**
 * Reads the protobuf wire format: tags, varints and length-delimited fields of one message. Fails with
 * {@link ProtobufException} on truncated or malformed input.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;

    ProtoReader(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.pos = offset;
        this.end = end;
    }

    boolean more() {
        return pos < end;
    }

    /** The next tag: field number << 3 | wire type. */
    int tag() {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE) {
            throw new ProtobufException("invalid field tag " + t + " at byte " + pos);
        }
        return (int) t;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new ProtobufException("truncated varint at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new ProtobufException("varint longer than 10 bytes at byte " + pos);
    }

    /** A length-delimited field as a reader over its bytes. */
    ProtoReader nested() {
        int len = length();
        ProtoReader r = new ProtoReader(buf, pos, pos + len);
        pos += len;
        return r;
    }

    byte[] bytes() {
        int len = length();
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    String string() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Skips a field's value; true when it was a zero value (0, empty). */
    boolean skip(int wireType) {
        switch (wireType) {
            case VARINT:
                return varint() == 0;
            case FIXED64:
                advance(8);
                return false;
            case LENGTH: {
                int len = length();
                pos += len;
                return len == 0;
            }
            case FIXED32:
                advance(4);
                return false;
            default:
                throw new ProtobufException("unsupported wire type " + wireType + " at byte " + pos);
        }
    }

    private int length() {
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw new ProtobufException("field length " + len + " runs past the message end at byte " + pos);
        }
        return (int) len;
    }

    private void advance(int n) {
        if (end - pos < n) {
            throw new ProtobufException("truncated fixed-width field at byte " + pos);
        }
        pos += n;
    }
}
