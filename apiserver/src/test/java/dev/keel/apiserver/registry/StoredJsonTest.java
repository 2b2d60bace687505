package dev.keel.apiserver.registry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StoredJsonTest {
    private static byte[] bytes(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theStampGoesFirstIntoTheTopLevelMetadataAndTheRestIsKeptAsStored() {
        assertEquals("{'kind':'Pod','metadata':{'resourceVersion':'7','name':'a'},'spec':{'metadata':{}}}"
                        .replace('\'', '"'),
                new String(StoredJson.withResourceVersion(
                        bytes("{'kind':'Pod','metadata':{'name':'a'},'spec':{'metadata':{}}}"), 7), StandardCharsets.UTF_8));
        assertEquals("{'metadata':{'resourceVersion':'7'}}".replace('\'', '"'),
                new String(StoredJson.withResourceVersion(bytes("{'metadata':{}}"), 7), StandardCharsets.UTF_8));
        assertNull(StoredJson.withResourceVersion(bytes("{'kind':'Pod'}"), 7));
        assertNull(StoredJson.withResourceVersion(bytes("{'metadata':[]}"), 7));
        assertNull(StoredJson.withResourceVersion(bytes("{'metadata':{}}\n"), 7));
    }
}
