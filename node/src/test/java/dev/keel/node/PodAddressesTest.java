package dev.keel.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodAddressesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: first pod {1}, last pod {2}")
    @CsvSource({
            "127.101.1.0/24, 127.101.1.2, 127.101.1.254",
            "127.101.0.0/16, 127.101.0.2, 127.101.255.254",
            "10.0.0.4/30,    10.0.0.6,    10.0.0.6",
    })
    void podsGetEveryHostButNetworkNodeAndBroadcast(String cidr, String first, String last) {
        PodCidr c = PodCidr.parse(cidr);
        assertEquals(first, c.host(c.firstPodHost()));
        assertEquals(last, c.host(c.lastPodHost()));
        assertEquals(cidr, c.toString());
    }

    @ParameterizedTest
    @CsvSource({"127.101.1.0", "127.101.1.1/24", "127.101.1.0/31", "127.101.1/24", "300.1.1.0/24", "::1/64",
            "127.101.1.0/x"})
    void badCidrsAreRejected(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> PodCidr.parse(cidr));
    }

    @Test
    void eachPodGetsItsOwnAddressUntilTheRangeIsFull() {
        PodAddresses a = new PodAddresses("127.0.0.1", Optional.of(PodCidr.parse("127.101.1.0/29")), dir);
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            given.add(a.assign("uid-" + i, false).orElseThrow());
        }
        assertEquals(Set.of("127.101.1.2", "127.101.1.3", "127.101.1.4", "127.101.1.5", "127.101.1.6"), given);
        assertEquals(Optional.empty(), a.assign("uid-5", false));
        assertEquals(Optional.of("127.0.0.1"), a.assign("uid-5", true), "hostNetwork pods use the node address");
        assertEquals(Optional.of("127.101.1.3"), a.assign("uid-1", false), "a pod keeps its address");

        a.release("uid-1");
        assertEquals(Optional.of("127.101.1.3"), a.assign("uid-5", false));
    }

    @Test
    void addressesAreHandedOutRoundRobinAndSurviveARestart() throws Exception {
        PodCidr cidr = PodCidr.parse("127.101.1.0/24");
        PodAddresses a = new PodAddresses("127.0.0.1", Optional.of(cidr), dir);
        assertEquals(Optional.of("127.101.1.2"), a.assign("x", false));
        assertEquals(Optional.of("127.101.1.3"), a.assign("y", false));
        a.release("x");
        assertEquals(Optional.of("127.101.1.4"), a.assign("z", false), "a released address is not reused at once");
        assertEquals("y\n", Files.readString(dir.resolve("127.101.1.3")));

        PodAddresses again = new PodAddresses("127.0.0.1", Optional.of(cidr), dir);
        assertEquals(Optional.of("127.101.1.3"), again.assign("y", false));
        assertEquals(Optional.of("127.101.1.4"), again.assign("z", false));
        assertEquals(Optional.of("127.101.1.5"), again.assign("w", false));
        again.retainOnly(Set.of("y", "w"));
        assertEquals(2, again.size());
        assertTrue(Files.notExists(dir.resolve("127.101.1.4")));
    }

    @Test
    void withoutAPodCidrEveryPodHasTheNodeAddress() {
        PodAddresses a = new PodAddresses("127.0.0.9", Optional.empty(), dir);
        assertEquals(Optional.of("127.0.0.9"), a.assign("x", false));
        assertEquals(Optional.of("127.0.0.9"), a.assign("y", false));
        assertEquals(0, a.size());
    }
}
