package dev.keel.api.testserver;

import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.Status;
import dev.keel.api.meta.StatusDetails;
import dev.keel.api.meta.WatchEvent;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.ObjectFields;
import dev.keel.api.selector.Selector;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The pods of {@link PodWireTestServer}: a sorted map, one revision counter, the history of changes since the last
 * compaction, and the open watchers. Every change is appended to the history and queued to the watchers under one
 * lock, so each watcher sees changes in revision order without gaps. The test drives failures from here.
 */
public final class PodWireState {
    private static final Object END = new Object();
    private static final Object ABORT = new Object();

    private final KubeCodec codec;
    /** Guards every field below. */
    private final Object lock = new Object();
    private final TreeMap<String, Pod> pods = new TreeMap<>();
    private long revision = 100;
    private final List<Change> history = new ArrayList<>();
    /** A watch may start at a revision >= this one; older ones get 410. */
    private long compacted = 100;
    private boolean suppressed;
    private final List<Watcher> watchers = new ArrayList<>();

    record Change(long revision, WatchEvent.Type type, Pod pod) {
    }

    record Page(List<Pod> items, long revision, String lastKey) {
    }

    /** An error answer with a Status. */
    static final class StatusError extends RuntimeException {
        private final transient Status status;

        StatusError(int code, String reason, String message, String name) {
            super(message);
            this.status = Status.failure(code, reason, message, StatusDetails.of("", "pods", name, List.of()));
        }

        Status status() {
            return status;
        }
    }

    private static final class Watcher {
        final String namespace;
        final Selector labels;
        final FieldSelector fields;
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        Watcher(String namespace, Selector labels, FieldSelector fields) {
            this.namespace = namespace;
            this.labels = labels;
            this.fields = fields;
        }

        boolean matches(Pod p) {
            return (namespace == null || namespace.equals(p.metadata().namespace()))
                    && labels.matches(p.metadata().labels()) && fields.matches(ObjectFields.of(p));
        }
    }

    PodWireState(KubeCodec codec) {
        this.codec = codec;
    }

    public long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    public int size() {
        synchronized (lock) {
            return pods.size();
        }
    }

    /** Forgets the history: watches from any earlier resourceVersion now get 410. */
    public void compact() {
        synchronized (lock) {
            history.clear();
            compacted = revision;
        }
    }

    /**
     * While on, changes are made but neither recorded nor sent to watchers, and the history is compacted past
     * them: as if the watchers fell behind a compaction. Follow with {@link #expireWatches()} or
     * {@link #breakWatches()}.
     */
    public void suppressWatchEvents(boolean on) {
        synchronized (lock) {
            suppressed = on;
        }
    }

    /** Sends every watcher an ERROR event (410 Expired) and ends its stream. */
    public void expireWatches() {
        synchronized (lock) {
            byte[] line = codec.encodeWatchEvent(new WatchEvent.Failure<Pod>(expired(revision)));
            for (Watcher w : watchers) {
                w.queue.add(line);
                w.queue.add(END);
            }
        }
    }

    /** Closes every watch connection without ending its stream. */
    public void breakWatches() {
        signal(ABORT);
    }

    /** Ends every watch stream cleanly, as a server's timeoutSeconds would. */
    public void endWatches() {
        signal(END);
    }

    public int openWatches() {
        synchronized (lock) {
            return watchers.size();
        }
    }

    /** Waits until exactly {@code n} watches are open; false on timeout. */
    public boolean awaitOpenWatches(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (watchers.size() != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public Pod put(Pod pod) {
        String ns = pod.metadata().namespace();
        synchronized (lock) {
            String key = ns + "/" + pod.metadata().name();
            Pod old = pods.get(key);
            return old == null ? create(ns, pod) : update(ns, pod.metadata().name(),
                    pod.withMetadata(pod.metadata().toBuilder().resourceVersion(null).build()), false);
        }
    }

    public Pod remove(String ns, String name) {
        return delete(ns, name);
    }

    Pod create(String ns, Pod pod) {
        if (pod.metadata().namespace() != null && !pod.metadata().namespace().equals(ns)) {
            throw new StatusError(400, "BadRequest", "the namespace of the object (" + pod.metadata().namespace()
                    + ") does not match the namespace on the request (" + ns + ")", pod.metadata().name());
        }
        synchronized (lock) {
            ObjectMeta meta = PodWireTestServer.created(pod.metadata(), ns, revision + 1);
            if (meta.name() == null || meta.name().isEmpty()) {
                throw new StatusError(422, "Invalid", "Pod \"\" is invalid: metadata.name: Required value", "");
            }
            String key = ns + "/" + meta.name();
            if (pods.containsKey(key)) {
                throw new StatusError(409, "AlreadyExists", "pods \"" + meta.name() + "\" already exists",
                        meta.name());
            }
            revision++;
            Pod stored = pod.withMetadata(meta);
            pods.put(key, stored);
            emitLocked(WatchEvent.Type.ADDED, stored);
            return stored;
        }
    }

    Pod get(String ns, String name) {
        synchronized (lock) {
            Pod p = pods.get(ns + "/" + name);
            if (p == null) {
                throw notFound(name);
            }
            return p;
        }
    }

    Pod update(String ns, String name, Pod pod, boolean statusOnly) {
        synchronized (lock) {
            Pod old = pods.get(ns + "/" + name);
            if (old == null) {
                throw notFound(name);
            }
            String rv = pod.metadata().resourceVersion();
            if (rv != null && !rv.equals(old.metadata().resourceVersion())) {
                throw new StatusError(409, "Conflict", "Operation cannot be fulfilled on pods \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and "
                        + "try again", name);
            }
            revision++;
            Pod base = statusOnly ? old.withStatus(pod.status()) : pod.withStatus(old.status());
            ObjectMeta meta = (statusOnly ? old.metadata() : pod.metadata()).toBuilder().name(name).namespace(ns)
                    .uid(old.metadata().uid()).creationTimestamp(old.metadata().creationTimestamp())
                    .resourceVersion(Long.toString(revision)).build();
            Pod stored = base.withMetadata(meta);
            pods.put(ns + "/" + name, stored);
            emitLocked(WatchEvent.Type.MODIFIED, stored);
            return stored;
        }
    }

    Pod delete(String ns, String name) {
        synchronized (lock) {
            Pod old = pods.remove(ns + "/" + name);
            if (old == null) {
                throw notFound(name);
            }
            revision++;
            Pod last = old.withMetadata(old.metadata().toBuilder().resourceVersion(Long.toString(revision)).build());
            emitLocked(WatchEvent.Type.DELETED, last);
            return last;
        }
    }

    void bind(String ns, String name, String node) {
        synchronized (lock) {
            Pod p = get(ns, name);
            if (p.spec().nodeName() != null && !p.spec().nodeName().isEmpty()) {
                throw new StatusError(409, "Conflict", "pod " + name + " is already assigned to node \""
                        + p.spec().nodeName() + "\"", name);
            }
            Pod bound = p.withSpec(p.spec().withNodeName(node));
            update(ns, name, bound.withMetadata(bound.metadata().toBuilder().resourceVersion(null).build()), false);
        }
    }

    void checkContinue(long atRevision) {
        synchronized (lock) {
            if (atRevision < compacted) {
                throw new StatusError(410, "Expired", "The provided continue parameter is too old to display a "
                        + "consistent list result. You can start a new list without the continue parameter.", "");
            }
        }
    }

    Page list(String ns, Predicate<Pod> filter, String afterKey, int limit) {
        synchronized (lock) {
            List<Pod> out = new ArrayList<>();
            Map<String, Pod> range = afterKey == null ? pods : pods.tailMap(afterKey, false);
            String last = null;
            for (Map.Entry<String, Pod> e : range.entrySet()) {
                Pod p = e.getValue();
                if ((ns != null && !ns.equals(p.metadata().namespace())) || !filter.test(p)) {
                    continue;
                }
                if (limit > 0 && out.size() == limit) {
                    return new Page(out, revision, last);
                }
                out.add(p);
                last = e.getKey();
            }
            return new Page(out, revision, null);
        }
    }

    /** Serves one watch on the calling (connection) thread until it ends. */
    void watch(String ns, Map<String, String> q, WireHttpServer.Response resp) throws IOException {
        Watcher w = new Watcher(ns, Selector.parse(q.getOrDefault("labelSelector", "")),
                FieldSelector.parse(q.getOrDefault("fieldSelector", "")));
        String rv = q.get("resourceVersion");
        long timeoutNanos = q.containsKey("timeoutSeconds")
                ? TimeUnit.SECONDS.toNanos(Long.parseLong(q.get("timeoutSeconds"))) : Long.MAX_VALUE;
        List<byte[]> catchUp = new ArrayList<>();
        synchronized (lock) {
            if (rv != null && !rv.equals("0") && Long.parseLong(rv) < compacted) {
                catchUp.add(codec.encodeWatchEvent(new WatchEvent.Failure<Pod>(expired(Long.parseLong(rv)))));
                w.queue.add(END);
            } else {
                if (rv == null || rv.equals("0")) {
                    pods.values().stream().filter(w::matches).forEach(p ->
                            catchUp.add(line(WatchEvent.Type.ADDED, p)));
                } else {
                    long from = Long.parseLong(rv);
                    history.stream().filter(c -> c.revision() > from && w.matches(c.pod()))
                            .forEach(c -> catchUp.add(line(c.type(), c.pod())));
                }
                watchers.add(w);
                lock.notifyAll();
            }
        }
        try {
            resp.startStream();
            for (byte[] l : catchUp) {
                resp.writeChunk(l);
            }
            long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            while (true) {
                long left = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
                if (left <= 0) {
                    resp.endStream();
                    return;
                }
                Object next = w.queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (next == null && resp.peerClosed()) {
                    return;
                }
                if (next == END) {
                    resp.endStream();
                    return;
                } else if (next == ABORT) {
                    resp.abort();
                    return;
                } else if (next != null) {
                    resp.writeChunk((byte[]) next);
                }
            }
        } catch (InterruptedException e) {
            resp.abort();
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                watchers.remove(w);
                lock.notifyAll();
            }
        }
    }

    private void emitLocked(WatchEvent.Type type, Pod pod) {
        if (suppressed) {
            compacted = revision;
            history.clear();
            return;
        }
        history.add(new Change(revision, type, pod));
        byte[] l = line(type, pod);
        for (Watcher w : watchers) {
            if (w.matches(pod)) {
                w.queue.add(l);
            }
        }
    }

    private byte[] line(WatchEvent.Type type, Pod pod) {
        byte[] json = codec.encodeWatchEvent(new WatchEvent.Change<>(type, pod));
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }

    private Status expired(long rv) {
        return Status.failure(410, "Expired", "too old resource version: " + rv + " (" + compacted + ")", null);
    }

    private void signal(Object what) {
        synchronized (lock) {
            for (Watcher w : watchers) {
                w.queue.add(what);
            }
        }
    }

    private static StatusError notFound(String name) {
        return new StatusError(404, "NotFound", "pods \"" + name + "\" not found", name);
    }
}
