package dev.keel.node.proxy;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What one listener should do: forward to {@code backends} (ready endpoint addresses with the resolved target
 * port, in a stable order) on behalf of a service port.
 *
 * @param serviceKey {@code namespace/name}
 * @param portName   the service port's name ({@code ""} when unnamed)
 */
record ListenerSpec(String serviceKey, String portName, List<InetSocketAddress> backends) {
    ListenerSpec {
        backends = List.copyOf(backends);
    }
}
