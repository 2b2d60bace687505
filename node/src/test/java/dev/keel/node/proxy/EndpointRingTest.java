package dev.keel.node.proxy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Round-robin: every backend starts the same number of connections; attempts never repeat a backend. */
class EndpointRingTest {
    @Property(tries = 50)
    void roundRobinIsFairAndAttemptsAreDistinct(@ForAll @IntRange(min = 1, max = 8) int backends,
                                                @ForAll @IntRange(min = 1, max = 5) int rounds,
                                                @ForAll @IntRange(min = 1, max = 10) int maxAttempts) {
        List<InetSocketAddress> list = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            list.add(new InetSocketAddress("127.0.0.1", 1000 + i));
        }
        EndpointRing ring = new EndpointRing(list);
        Map<InetSocketAddress, Integer> firsts = new HashMap<>();
        for (int i = 0; i < backends * rounds; i++) {
            List<InetSocketAddress> attempts = ring.nextAttempts(maxAttempts);
            assertEquals(Math.min(backends, maxAttempts), attempts.size());
            assertEquals(attempts.size(), new HashSet<>(attempts).size());
            firsts.merge(attempts.get(0), 1, Integer::sum);
        }
        list.forEach(b -> assertEquals(rounds, firsts.get(b)));
    }
}
