package dev.keel.node.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/** An address the proxy listens on: a ClusterIP and service port, or the node's address and a nodePort. */
record ListenAddress(String host, int port) implements Comparable<ListenAddress> {
    ListenAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port + " for " + host);
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public int compareTo(ListenAddress o) {
        int c = host.compareTo(o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
