package dev.keel.node.proxy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of backends with a round-robin cursor. Each new connection takes the next start position;
 * if that backend refuses, the connection tries the following ones, up to {@code maxAttempts} in all. Replaced as
 * a whole when the endpoints change, so connections in progress keep the set they started with.
 *
 * <p>Example: backends [a, b, c], maxAttempts 2: connections try a (then b), b (then c), c (then a), a, ...
 */
final class EndpointRing {
    private final List<InetSocketAddress> backends;
    private final AtomicInteger cursor = new AtomicInteger();

    EndpointRing(List<InetSocketAddress> backends) {
        this.backends = List.copyOf(backends);
    }

    List<InetSocketAddress> backends() {
        return backends;
    }

    /** The backends one new connection should try, in order (empty when there are none). Thread-safe. */
    List<InetSocketAddress> nextAttempts(int maxAttempts) {
        int n = backends.size();
        if (n == 0) {
            return List.of();
        }
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        int count = Math.min(n, Math.max(1, maxAttempts));
        List<InetSocketAddress> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(backends.get((start + i) % n));
        }
        return out;
    }
}
