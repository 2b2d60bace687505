package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A value that is written either as a JSON number or a JSON string: a port number or name
 * ({@code targetPort: 8080} / {@code targetPort: http}), or an absolute count or percentage
 * ({@code maxSurge: 1} / {@code maxSurge: "25%"}).
 */
@JsonDeserialize(using = IntOrString.Deserializer.class)
public sealed interface IntOrString permits IntOrString.Int, IntOrString.Str {

    static IntOrString of(int value) {
        return new Int(value);
    }

    static IntOrString of(String value) {
        return new Str(value);
    }

    /** The number form. */
    record Int(@JsonValue int value) implements IntOrString {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** The string form (a name or a percentage such as {@code 25%}). */
    record Str(@JsonValue String value) implements IntOrString {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * Resolves an absolute count or a percentage of {@code total}: {@code 25%} of 10 is 3 when rounding up
     * (maxSurge) and 2 when rounding down (maxUnavailable), as the Deployment controller does.
     *
     * @throws IllegalArgumentException if the string form is not {@code <integer>%}
     */
    default int scaledValue(int total, boolean roundUp) {
        if (this instanceof Int i) {
            return i.value();
        }
        String s = ((Str) this).value();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: \"" + s + "\": not an integer or a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: \"" + s + "\": not a percentage", e);
        }
        BigDecimal v = BigDecimal.valueOf((long) percent * total).divide(BigDecimal.valueOf(100), 0,
                roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return v.intValueExact();
    }

    /** Reads a JSON integer as {@link Int} and a JSON string as {@link Str}; anything else is an error. */
    final class Deserializer extends JsonDeserializer<IntOrString> {
        @Override
        public IntOrString deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return new Int(p.getIntValue());
            }
            if (t == JsonToken.VALUE_STRING) {
                return new Str(p.getText());
            }
            return (IntOrString) ctx.handleUnexpectedToken(IntOrString.class, p);
        }
    }
}
