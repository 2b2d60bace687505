package dev.keel.apiserver.allocation;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Ipv4RangeTest {
    @Test
    void usableAddressesSkipNetworkAndBroadcast() {
        Ipv4Range r = Ipv4Range.parse("127.96.0.0/16");
        assertEquals(65536, r.size());
        assertEquals("127.96.0.1", r.addressAt(r.first()));
        assertEquals("127.96.255.254", r.addressAt(r.last()));
        assertEquals(Optional.of(257L), r.indexOf("127.96.1.1"));
        assertEquals(Optional.empty(), r.indexOf("127.96.0.0"), "network address");
        assertEquals(Optional.empty(), r.indexOf("127.96.255.255"), "broadcast address");
        assertEquals(Optional.empty(), r.indexOf("127.97.0.1"), "outside");
    }

    @Test
    void theBaseIsMaskedAndTinyRangesUseEveryAddress() {
        Ipv4Range r = Ipv4Range.parse("10.0.0.77/30");
        assertEquals("10.0.0.76", r.addressAt(0));
        assertEquals("10.0.0.77", r.addressAt(r.first()));
        assertEquals("10.0.0.78", r.addressAt(r.last()));
        Ipv4Range one = Ipv4Range.parse("10.0.0.5/32");
        assertEquals(Optional.of(0L), one.indexOf("10.0.0.5"));
    }

    @Test
    void onlyDottedQuadsParse() {
        for (String bad : new String[]{"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "a.b.c.d", "1..2.3", ""}) {
            assertEquals(Optional.empty(), Ipv4Range.toLong(bad), bad);
        }
        assertEquals(Optional.of(0x7f000001L), Ipv4Range.toLong("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Range.parse("127.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Range.parse("127.0.0.0/4"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Range.parse("127.0.0.0/x"));
    }
}
