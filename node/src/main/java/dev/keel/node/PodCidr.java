package dev.keel.node;

import java.util.Objects;

/**
 * An IPv4 range pods take their addresses from, e.g. {@code 127.101.1.0/24}. Host {@code i} is
 * {@code network + i}; pods get hosts {@code 2 .. size-2}: the network address (0), the node's own address (1) and
 * the broadcast address (size-1) are never given to a pod, so a /24 has 253 pod addresses and a /30 one.
 *
 * @param network the range's first address as an unsigned 32-bit number (host bits zero)
 * @param prefix  the prefix length, 0..30
 */
record PodCidr(long network, int prefix) {
    PodCidr {
        if (prefix < 0 || prefix > 30) {
            throw new IllegalArgumentException("a pod CIDR needs a prefix of at most /30 (room for one pod), got /"
                    + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("pod CIDR " + text(network) + "/" + prefix
                    + " has host bits set");
        }
    }

    /** Parses {@code a.b.c.d/n}; throws {@link IllegalArgumentException} naming what is wrong. */
    static PodCidr parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("pod CIDR must look like 127.101.1.0/24, got " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pod CIDR " + cidr + ": the prefix length is not a number", e);
        }
        return new PodCidr(address(cidr.substring(0, slash), cidr), prefix);
    }

    /** Hosts in the range, network and broadcast included. */
    long size() {
        return 1L << (32 - prefix);
    }

    /** The first and last host index a pod may get. */
    long firstPodHost() {
        return 2;
    }

    long lastPodHost() {
        return size() - 2;
    }

    /** Host {@code i} of the range as dotted text. */
    String host(long i) {
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException("host " + i + " is outside " + this);
        }
        return text(network + i);
    }

    /** The host index of {@code ip} in this range; -1 if it is not in it (or not an IPv4 address). */
    long indexOf(String ip) {
        long a;
        try {
            a = address(ip, ip);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return (a & mask(prefix)) == network ? a - network : -1;
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    private static long address(String dotted, String whole) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted + " (in " + whole + ")");
        }
        long a = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted + " (in " + whole + ")", e);
            }
            if (octet < 0 || octet > 255 || p.isEmpty() || p.startsWith("+")) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted + " (in " + whole + ")");
            }
            a = a << 8 | octet;
        }
        return a;
    }

    private static String text(long a) {
        return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }
}
