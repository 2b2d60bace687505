package dev.keel.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.core.PodTemplateSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code pod-template-hash} of a Deployment's pod template: FNV-1a (32 bit) over the template's canonical JSON
 * (object keys sorted) followed by the collision count, written as Kubernetes does (the decimal digits mapped to
 * the consonant-and-digit alphabet of {@code rand.SafeEncodeString}, so it never spells words). The value differs
 * from Kubernetes' (which hashes Go's struct printing) but plays the same role: a new ReplicaSet is named
 * {@code <deployment>-<hash>} and carries the label {@code pod-template-hash=<hash>}.
 */
final class TemplateHash {
    static final String LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template, Integer collisionCount, ObjectMapper json) {
        JsonNode tree = canonical(json.valueToTree(template), json);
        byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        if (collisionCount != null) {
            int c = collisionCount;
            for (int i = 0; i < 4; i++) {
                h ^= (c >>> (8 * i)) & 0xff;
                h *= 0x01000193;
            }
        }
        return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
    }

    static String safeEncode(String digits) {
        StringBuilder sb = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            sb.append(ALPHABET.charAt(digits.charAt(i) % ALPHABET.length()));
        }
        return sb.toString();
    }

    private static JsonNode canonical(JsonNode node, ObjectMapper json) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = json.createObjectNode();
            for (String n : names) {
                out.set(n, canonical(node.get(n), json));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = json.createArrayNode();
            node.forEach(e -> out.add(canonical(e, json)));
            return out;
        }
        return node;
    }
}
