package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;
import java.util.Arrays;

/**
 * Jackson's string deserializer, except that a short JSON string read before is answered with the {@link String}
 * made then. Objects repeat the same few values over and over (apiVersion and kind, namespaces, images, policies,
 * node names, label values, condition types), and making a string of the parser's characters (a copy, compressed to
 * Latin-1) was the largest part of binding an object.
 *
 * <p>The strings are kept in a direct-mapped table of {@link #SLOTS} slots by the hash of their characters; a slot
 * holds the last string read with its hash (a different one replaces it), so the table is bounded and needs no
 * eviction. Slots are written without locks: an {@link Entry} is immutable, and a thread that misses another's
 * write makes its own string. Other tokens and parsers that do not expose their characters (YAML, trees) take
 * Jackson's path.
 */
final class SharedStrings extends StringDeserializer {
    private static final long serialVersionUID = 1L;
    /** Table size, a power of two. */
    static final int SLOTS = 4096;
    /** Longer strings are made every time (they are rarely repeated, and comparing them costs more). */
    static final int MAX_LENGTH = 64;
    /**
     * The hash covers the length, the first character and the last ones (where names differ: node-17, node-18);
     * strings differing only elsewhere share a slot, which costs a miss, never a wrong answer.
     */
    private static final int HASHED_TAIL = 12;

    private final Entry[] slots = new Entry[SLOTS];

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING && p.hasTextCharacters()) {
            return shared(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return super.deserialize(p, ctxt);
    }

    /** The string of {@code chars[offset, offset + length)}, the one made before if it is still kept. */
    String shared(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        if (length == 0) {
            return "";
        }
        int end = offset + length;
        int h = length * 31 + chars[offset];
        for (int i = Math.max(offset + 1, end - HASHED_TAIL); i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = slots[slot];
        if (e != null && e.hash == h && same(e.chars, chars, offset, length)) {
            return e.value;
        }
        Entry made = new Entry(h, Arrays.copyOfRange(chars, offset, offset + length));
        slots[slot] = made;
        return made.value;
    }

    private static boolean same(char[] kept, char[] chars, int offset, int length) {
        if (kept.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept[i] != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** A kept string with its characters (compared without decoding the string) and their hash. */
    private static final class Entry {
        final int hash;
        final char[] chars;
        final String value;

        Entry(int hash, char[] chars) {
            this.hash = hash;
            this.chars = chars;
            this.value = new String(chars);
        }
    }
}
