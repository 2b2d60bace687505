package dev.keel.api.events;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Event;
import dev.keel.api.core.EventSource;
import dev.keel.api.core.ObjectReference;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 Events about objects, as client-go's event recorder does: {@link #normal}/{@link #warning} never
 * block (a bounded queue; when it is full the event is dropped and counted), one background thread writes them in
 * order, and a repeat of the same event (same object, type, reason and message) within {@link #AGGREGATION_WINDOW}
 * bumps {@code count} and {@code lastTimestamp} of the existing Event instead of creating another.
 *
 * <p>Events of cluster-scoped objects (nodes) go to the {@code default} namespace, as in Kubernetes.
 */
public final class EventRecorder implements AutoCloseable {
    /** How long a repeated event is folded into the previous one. */
    public static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int QUEUE_CAPACITY = 4096;
    private static final int REMEMBERED = 4096;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ResourceClient<Event> events;
    private final EventSource source;
    private final Clock clock;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<EventKey, Event> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EventKey, Event> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private EventRecorder(KubeClient client, EventSource source, Clock clock) {
        this.events = client.resource(Kinds.EVENTS).withTimeout(CALL_TIMEOUT);
        this.source = source;
        this.clock = clock;
        this.writer = new Thread(this::run, "events-" + source.component());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A recorder writing through {@code client}; {@code component} and {@code host} fill {@code source}. */
    public static EventRecorder create(KubeClient client, String component, String host) {
        return create(client, component, host, Clock.systemUTC());
    }

    public static EventRecorder create(KubeClient client, String component, String host, Clock clock) {
        Objects.requireNonNull(component, "component");
        return new EventRecorder(client, new EventSource(component, host, Map.of()), clock);
    }

    /** A Normal event about {@code regarding}. */
    public void normal(KubeObject regarding, String reason, String message) {
        record(regarding, "Normal", reason, message);
    }

    /** A Warning event about {@code regarding}. */
    public void warning(KubeObject regarding, String reason, String message) {
        record(regarding, "Warning", reason, message);
    }

    /** Events written (created or aggregated) so far. */
    public long written() {
        return written.get();
    }

    /** Events dropped because the queue was full or the recorder closed. */
    public long dropped() {
        return dropped.get();
    }

    private void record(KubeObject regarding, String type, String reason, String message) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        ObjectMeta m = regarding.metadata();
        ObjectReference ref = new ObjectReference(regarding.apiVersion(), regarding.kind(), m.namespace(), m.name(),
                m.uid(), m.resourceVersion(), null, Map.of());
        String namespace = m.namespace() == null || m.namespace().isEmpty() ? "default" : m.namespace();
        Instant now = clock.instant();
        Event e = new Event(null, null, ObjectMeta.of(namespace, null), ref, reason, message, source, now, now, 1,
                type, null, null, source.component(), source.host(), Map.of());
        if (!queue.offer(e)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("event queue full: {} events dropped so far (latest: {} {} on {}/{})", n, reason, type,
                        namespace, m.name());
            }
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            Event e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            if (e != null) {
                write(e);
            }
        }
    }

    private void write(Event e) {
        EventKey key = EventKey.of(e);
        Event previous = recent.get(key);
        try {
            Event stored;
            if (previous != null && Duration.between(previous.lastTimestamp(), e.lastTimestamp())
                    .compareTo(AGGREGATION_WINDOW) < 0) {
                int count = (previous.count() == null ? 1 : previous.count()) + 1;
                stored = events.update(previous.withCount(count).withLastTimestamp(e.lastTimestamp())
                        .withMetadata(previous.metadata().toBuilder().resourceVersion(null).build()));
            } else {
                String name = e.involvedObject().name() + "." + Long.toHexString(
                        e.firstTimestamp().toEpochMilli() * 1_000_000L + sequence.incrementAndGet() % 1_000_000L);
                stored = events.create(e.withMetadata(e.metadata().toBuilder().name(name).build()));
            }
            recent.put(key, stored);
            written.incrementAndGet();
        } catch (RuntimeException ex) {
            recent.remove(key);
            LOG.debug("could not write event {} about {}/{}: {}", e.reason(), e.metadata().namespace(),
                    e.involvedObject().name(), ex.getMessage());
        }
    }

    /** Stops accepting events and writes what is queued (for at most a few seconds). */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }
}
