package dev.keel.apiserver.allocation;

import java.util.Optional;

/**
 * An IPv4 CIDR block; addresses are numbered from 0 (the network address) to {@link #size()} - 1 (the broadcast
 * address), and only 1 .. size - 2 are handed out (for a /31 or /32, every address).
 */
public record Ipv4Range(long base, int prefix, String cidr) {

    public static Ipv4Range parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + cidr);
        }
        long addr = toLong(cidr.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address in " + cidr));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in " + cidr);
        }
        if (prefix < 8 || prefix > 32) {
            throw new IllegalArgumentException("the prefix of " + cidr + " must be between 8 and 32");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Ipv4Range(addr & mask, prefix, cidr);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** The first index handed out. */
    public long first() {
        return size() <= 2 ? 0 : 1;
    }

    /** The last index handed out. */
    public long last() {
        return size() <= 2 ? size() - 1 : size() - 2;
    }

    /** The index of {@code ip} when it is a usable address of this range. */
    public Optional<Long> indexOf(String ip) {
        return toLong(ip).map(a -> a - base).filter(i -> i >= first() && i <= last());
    }

    public String addressAt(long index) {
        long a = base + index;
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    /** A dotted-quad IPv4 address as a number; empty when {@code ip} is not one (no leading zeros, as Go's parser). */
    public static Optional<Long> toLong(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return Optional.empty();
            }
            v = (v << 8) | n;
        }
        return Optional.of(v);
    }
}
