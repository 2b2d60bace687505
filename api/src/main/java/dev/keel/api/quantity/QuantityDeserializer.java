package dev.keel.api.quantity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a quantity from a JSON string or a JSON number, as Kubernetes does ({@code cpu: 0.5} in YAML is a number).
 * The number's text is parsed exactly, never through a double.
 *
 * <p>A cluster writes the same few quantities over and over ({@code 100m}, {@code 128Mi}, a node's capacity), and
 * parsing one makes BigDecimals, so the quantities parsed are kept by their text (quantities are immutable), up to
 * {@link #MAX_KEPT} texts per deserializer; texts beyond that are parsed every time.
 */
public final class QuantityDeserializer extends JsonDeserializer<Quantity> {
    static final int MAX_KEPT = 4096;
    private final ConcurrentHashMap<String, Quantity> parsed = new ConcurrentHashMap<>();

    @Override
    public Quantity deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            String text = p.getText();
            Quantity known = parsed.get(text);
            if (known != null) {
                return known;
            }
            try {
                Quantity q = Quantity.parse(text.trim());
                if (parsed.size() < MAX_KEPT) {
                    parsed.putIfAbsent(text, q);
                }
                return q;
            } catch (QuantityFormatException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
        return (Quantity) ctx.handleUnexpectedToken(Quantity.class, p);
    }

    /** How many parsed quantities are kept. */
    int kept() {
        return parsed.size();
    }
}
