package dev.keel.api.quantity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantityDeserializerTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final QuantityDeserializer deserializer = new QuantityDeserializer();

    private Quantity read(String json) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            p.nextToken();
            return deserializer.deserialize(p, mapper.getDeserializationContext());
        }
    }

    @Test
    void aTextReadAgainGivesTheQuantityParsedTheFirstTime() throws IOException {
        Quantity first = read("\"128Mi\"");
        assertEquals(Quantity.parse("128Mi"), first);
        assertEquals("128Mi", first.toString());
        assertSame(first, read("\"128Mi\""));
        assertEquals(Quantity.parse("0.5"), read("0.5"), "a JSON number");
        assertEquals(Quantity.parse("500m"), read("\" 500m \""), "spaces around the text");
    }

    @Test
    void aBadQuantityIsStillRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            IOException e = assertThrows(IOException.class, () -> read("\"12Qi\""));
            assertTrue(e.getMessage().contains("12Qi"), e.getMessage());
        }
    }

    @Test
    void keepsABoundedNumberOfTexts() throws IOException {
        for (int i = 0; i < QuantityDeserializer.MAX_KEPT + 100; i++) {
            assertEquals(Quantity.ofMillis(i), read("\"" + i + "m\""));
        }
        assertEquals(QuantityDeserializer.MAX_KEPT, deserializer.kept());
        assertEquals(Quantity.ofMillis(7), read("\"7m\""), "a kept text");
        assertEquals(Quantity.ofMillis(QuantityDeserializer.MAX_KEPT + 50),
                read("\"" + (QuantityDeserializer.MAX_KEPT + 50) + "m\""), "a text beyond the bound");
    }
}
