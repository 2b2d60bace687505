package dev.keel.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each pod of the node an address of its own from the node's {@link PodCidr}, as a CNI host-local IPAM does:
 * one file per address in use, {@code <dir>/<ip>}, holding the pod's uid, so an agent restart finds the same
 * address for every pod it adopts and never hands one out twice. Addresses are given round-robin (the next free
 * one after the last given), so an address just released is not reused at once while a dying process may still
 * hold it.
 *
 * <p>Without a pod CIDR every pod gets the node's address (host network), as do {@code hostNetwork} pods always.
 * Thread-safe (methods are synchronized; file writes are small).
 */
final class PodAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(PodAddresses.class);

    private final String nodeAddress;
    private final Optional<PodCidr> cidr;
    private final Path dir;
    /** Guarded by this: pod uid -> host index, and the reverse. */
    private final Map<String, Long> byUid = new HashMap<>();
    private final Map<Long, String> byHost = new HashMap<>();
    /** Guarded by this: the host index given last. */
    private long last;

    /**
     * @param dir where the allocations are kept (created if missing; read at once when a CIDR is set)
     */
    PodAddresses(String nodeAddress, Optional<PodCidr> cidr, Path dir) {
        this.nodeAddress = nodeAddress;
        this.cidr = cidr;
        this.dir = dir;
        cidr.ifPresent(c -> {
            last = c.firstPodHost() - 1;
            load(c);
        });
    }

    /** Whether pods get addresses of their own. */
    boolean perPod() {
        return cidr.isPresent();
    }

    /**
     * The address of the pod with {@code uid}: the node's for host-network pods and without a pod CIDR, else the
     * one it has, else a new one; empty when the range is exhausted. Persisted before it is returned.
     */
    synchronized Optional<String> assign(String uid, boolean hostNetwork) {
        if (cidr.isEmpty() || hostNetwork) {
            return Optional.of(nodeAddress);
        }
        PodCidr c = cidr.get();
        Long have = byUid.get(uid);
        if (have != null) {
            return Optional.of(c.host(have));
        }
        long span = c.lastPodHost() - c.firstPodHost() + 1;
        for (long n = 1; n <= span; n++) {
            long i = c.firstPodHost() + Math.floorMod(last + n - c.firstPodHost(), span);
            if (!byHost.containsKey(i)) {
                write(c.host(i), uid);
                byUid.put(uid, i);
                byHost.put(i, uid);
                last = i;
                return Optional.of(c.host(i));
            }
        }
        return Optional.empty();
    }

    /** The pod has left the node: its address is free again. Unknown uids are ignored. */
    synchronized void release(String uid) {
        Long i = byUid.remove(uid);
        if (i == null) {
            return;
        }
        byHost.remove(i);
        try {
            Files.deleteIfExists(dir.resolve(cidr.orElseThrow().host(i)));
        } catch (IOException e) {
            LOG.warn("cannot delete the pod address file {}: {}", dir.resolve(cidr.orElseThrow().host(i)), e.toString());
        }
    }

    /** After an agent restart: frees the addresses of pods no longer bound here. */
    synchronized void retainOnly(Set<String> uids) {
        for (String uid : List.copyOf(byUid.keySet())) {
            if (!uids.contains(uid)) {
                LOG.info("pod uid {} is no longer on this node: releasing its address", uid);
                release(uid);
            }
        }
    }

    /** Addresses in use. */
    synchronized int size() {
        return byUid.size();
    }

    private void load(PodCidr c) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    long i = c.indexOf(name);
                    String uid = Files.readString(f, StandardCharsets.UTF_8).strip();
                    if (i < c.firstPodHost() || i > c.lastPodHost() || uid.isEmpty() || byUid.containsKey(uid)) {
                        LOG.info("dropping pod address file {} (outside {}, empty or a second one of its pod)", f, c);
                        Files.deleteIfExists(f);
                        continue;
                    }
                    byUid.put(uid, i);
                    byHost.put(i, uid);
                    last = Math.max(last, i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pod addresses in " + dir, e);
        }
    }

    private void write(String ip, String uid) {
        Path tmp = dir.resolve("." + ip + ".tmp");
        try {
            Files.writeString(tmp, uid + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(ip), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record pod address " + ip + " for pod uid " + uid + " in " + dir, e);
        }
    }
}
