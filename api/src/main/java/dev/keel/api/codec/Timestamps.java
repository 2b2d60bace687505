package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as Kubernetes writes them, without {@link java.time.format.DateTimeFormatter}: every object carries a
 * creation timestamp, and parsing or printing one through the formatter cost more than the rest of the metadata.
 *
 * <p>Written as {@link Instant#toString()} writes them ({@code 2026-11-26T07:26:09Z}, with 3, 6 or 9 fraction digits
 * when there is a fraction), which is RFC 3339 in UTC. Read: the UTC form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} on a
 * fast path; anything else (an offset, a number, a malformed value) goes to Jackson's own Instant deserializer, so
 * what it accepts and the errors it gives are unchanged.
 */
public final class Timestamps {
    private Timestamps() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("keel-timestamps");
        m.addSerializer(Instant.class, new Writer());
        m.addDeserializer(Instant.class, new Reader());
        return m;
    }

    /** The text of {@code t}, equal to {@link Instant#toString()}. */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (day < -354_285 || day > 2_932_896) { // outside years 1000..9999: the JDK's layout (signs, widths)
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] out = new char[30];
        int n = 0;
        n = digits(out, n, date.getYear(), 4);
        out[n++] = '-';
        n = digits(out, n, date.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, date.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = digits(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay % 60, 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            out[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                n = digits(out, n, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                n = digits(out, n, nanos / 1000, 6);
            } else {
                n = digits(out, n, nanos, 9);
            }
        }
        out[n++] = 'Z';
        return new String(out, 0, n);
    }

    /**
     * The instant of {@code s} when it has the UTC form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields,
     * else null.
     */
    static Instant parseUtc(String s) {
        return parseUtc(s.toCharArray(), 0, s.length());
    }

    /** {@link #parseUtc(String)} of the text {@code c[at, at + len)}. */
    static Instant parseUtc(char[] c, int at, int len) {
        if (len < 20 || c[at + len - 1] != 'Z' || c[at + 4] != '-' || c[at + 7] != '-'
                || c[at + 10] != 'T' || c[at + 13] != ':' || c[at + 16] != ':') {
            return null;
        }
        int year = number(c, at, 4);
        int month = number(c, at + 5, 2);
        int day = number(c, at + 8, 2);
        int hour = number(c, at + 11, 2);
        int minute = number(c, at + 14, 2);
        int second = number(c, at + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            int digits = len - 21;
            if (c[at + 19] != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(c, at + 20, digits);
            if (nanos < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like: the general path reports it
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number of the {@code count} characters at {@code c[from]}, or -1 if one is not a digit. */
    private static int number(char[] c, int from, int count) {
        int v = 0;
        for (int i = from, end = from + count; i < end; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /**
     * Writes instants, keeping the last text written for each of {@link #KEPT} slots (by the second): an object's
     * timestamps and those of objects written in the same second repeat, and formatting was most of writing one.
     * Slots are written without locks; a {@link Formatted} is immutable.
     */
    private static final class Writer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;
        private static final int KEPT = 16;
        private final Formatted[] kept = new Formatted[KEPT];

        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            long seconds = value.getEpochSecond();
            int nanos = value.getNano();
            int slot = (int) seconds & (KEPT - 1);
            Formatted f = kept[slot];
            if (f == null || f.seconds != seconds || f.nanos != nanos) {
                f = new Formatted(seconds, nanos, format(value));
                kept[slot] = f;
            }
            gen.writeString(f.text);
        }
    }

    private record Formatted(long seconds, int nanos, String text) {
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = p.hasTextCharacters()
                        ? parseUtc(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())
                        : parseUtc(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
