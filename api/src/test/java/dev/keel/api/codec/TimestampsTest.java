package dev.keel.api.codec;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampsTest {
    /** Year 0 to 11000: inside and on both sides of the fast path's 1000..9999. */
    private static final long MIN = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX = 285_000_768_000L; // 11001-04-26T00:00:00Z

    @Property
    void formatsAsTheJdkDoes(@ForAll @LongRange(min = MIN, max = MAX) long seconds,
                             @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                             @ForAll @IntRange(min = 0, max = 3) int precision) {
        int n = switch (precision) { // whole seconds, millis and micros are the common cases; keep them common
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1000 * 1000;
            default -> nanos;
        };
        Instant t = Instant.ofEpochSecond(seconds, n);
        assertEquals(t.toString(), Timestamps.format(t));
    }

    @Property
    void parsesWhatItFormats(@ForAll @LongRange(min = MIN, max = MAX) long seconds,
                             @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        Instant parsed = Timestamps.parseUtc(Timestamps.format(t));
        if (t.atZone(ZoneOffset.UTC).getYear() <= 9999) {
            assertEquals(t, parsed);
        } else {
            assertNull(parsed, "years of five digits (written with a sign) are left to the general parser");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T07:26:09.5Z", "2026-11-26T07:26:09.123456789Z", "2024-02-29T23:59:59Z",
            "1970-01-01T00:00:00Z"})
    void parsesAsTheJdkDoes(String text) {
        assertEquals(Instant.parse(text), Timestamps.parseUtc(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T07:26:09+01:00", "2026-02-30T00:00:00Z", "2026-11-26T24:00:00Z",
            "2026-11-26T07:26:60Z", "2026-11-26 07:26:09Z", "2026-11-26T07:26:09.Z", "2026-11-26T07:26:09.1234567891Z",
            "2026-1a-26T07:26:09Z", "2026-11-26T07:26:09", "x"})
    void leavesOtherFormsToTheGeneralParser(String text) {
        assertNull(Timestamps.parseUtc(text));
    }

    @Test
    void theCodecReadsOffsetsAndRefusesBadTimestampsAsBefore() {
        KubeCodec codec = new KubeCodec();
        Pod withOffset = codec.decode(pod("2026-11-26T08:26:09+01:00"), Pod.class);
        assertEquals(Instant.parse("2026-11-26T07:26:09Z"), withOffset.metadata().creationTimestamp());
        DecodeException bad = assertThrows(DecodeException.class, () -> codec.decode(pod("2026-02-30T00:00:00Z"),
                Pod.class));
        assertTrue(bad.getMessage().contains("creationTimestamp"), bad.getMessage());
    }

    private static byte[] pod(String creationTimestamp) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"creationTimestamp\":\""
                + creationTimestamp + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theCodecWritesInstantsAsTheJdkDoes() {
        KubeCodec codec = new KubeCodec();
        Instant t = Instant.parse("2026-11-26T07:26:09.120Z");
        String json = new String(codec.encode(ObjectMeta.builder().name("a").creationTimestamp(t).build()),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"creationTimestamp\":\"" + t + "\""), json);
    }
}
