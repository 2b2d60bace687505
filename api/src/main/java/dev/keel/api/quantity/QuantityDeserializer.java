package dev.keel.api.quantity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;

/**
 * Reads a quantity from a JSON string or a JSON number, as Kubernetes does ({@code cpu: 0.5} in YAML is a number).
 * The number's text is parsed exactly, never through a double.
 */
public final class QuantityDeserializer extends JsonDeserializer<Quantity> {
    @Override
    public Quantity deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            String text = p.getText().trim();
            try {
                return Quantity.parse(text);
            } catch (QuantityFormatException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
        return (Quantity) ctx.handleUnexpectedToken(Quantity.class, p);
    }
}
