package dev.keel.controllers.util;

import dev.keel.api.workqueue.Ticker;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a controller is still waiting to see in its informer after acting on an owner (Kubernetes'
 * {@code UIDTrackingControllerExpectations}). After creating N pods for a ReplicaSet the controller expects N adds;
 * after deleting pods it expects those pods (by key) to be seen deleted or terminating. Until the informer has caught
 * up, or {@code ttl} has passed since the expectations were set, the owner is not {@link #satisfied} and the
 * controller must not create or delete again, because its cache does not show its own last actions yet.
 *
 * <p>Example: {@code expectCreations("ns/web", 3)}; two pod adds arrive ({@code creationObserved} twice): not
 * satisfied; the third arrives: satisfied. A failed create lowers the count itself ({@code creationObserved}).
 *
 * <p>Deletions are tracked by pod key, so the same pod seen first terminating and later deleted counts once.
 * Thread-safe.
 */
public final class Expectations {
    private final Ticker ticker;
    private final long ttlNanos;
    /** Guarded by {@code this}. */
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        int adds;
        final Set<String> deletes = new HashSet<>();
        long setAt;
    }

    public Expectations(Ticker ticker, Duration ttl) {
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * True when nothing is awaited for {@code ownerKey} (never set, fulfilled, or expired): the controller may act.
     */
    public synchronized boolean satisfied(String ownerKey) {
        Entry e = entries.get(ownerKey);
        if (e == null) {
            return true;
        }
        if (e.adds <= 0 && e.deletes.isEmpty()) {
            return true;
        }
        return ticker.nanoTime() - e.setAt > ttlNanos;
    }

    /** Replaces the expectations of {@code ownerKey} with {@code count} creations. */
    public synchronized void expectCreations(String ownerKey, int count) {
        Entry e = new Entry();
        e.adds = count;
        e.setAt = ticker.nanoTime();
        entries.put(ownerKey, e);
    }

    /** Replaces the expectations of {@code ownerKey} with the deletion of {@code podKeys}. */
    public synchronized void expectDeletions(String ownerKey, Set<String> podKeys) {
        Entry e = new Entry();
        e.deletes.addAll(podKeys);
        e.setAt = ticker.nanoTime();
        entries.put(ownerKey, e);
    }

    /** One awaited creation was seen (or failed, so it will never be seen). */
    public synchronized void creationObserved(String ownerKey) {
        Entry e = entries.get(ownerKey);
        if (e != null) {
            e.adds--;
        }
    }

    /** {@code podKey} was seen deleted or terminating (or its deletion failed); counted once per pod. */
    public synchronized void deletionObserved(String ownerKey, String podKey) {
        Entry e = entries.get(ownerKey);
        if (e != null) {
            e.deletes.remove(podKey);
        }
    }

    /** Forgets {@code ownerKey} (the owner is gone). */
    public synchronized void forget(String ownerKey) {
        entries.remove(ownerKey);
    }

    /** For tests and logs: {@code adds=N deletes=M}, or empty when nothing is recorded. */
    public synchronized String describe(String ownerKey) {
        Entry e = entries.get(ownerKey);
        return e == null ? "" : "adds=" + e.adds + " deletes=" + e.deletes.size();
    }
}
