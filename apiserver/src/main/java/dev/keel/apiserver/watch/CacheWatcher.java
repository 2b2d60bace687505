package dev.keel.apiserver.watch;

import dev.keel.api.meta.Status;
import dev.keel.apiserver.http.StreamSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One client's watch on a {@link ResourceCache}: filters the cache's events, queues them, and writes them to the
 * client's stream on its event loop. Offering never blocks the cache: a watcher whose queue passes
 * {@code maxQueued} events, or whose connection holds more than {@code maxPendingBytes} unsent, is ended (the
 * client re-watches from its last resourceVersion, as informers do).
 *
 * <p>A MODIFIED event of an object that enters the filter is sent as ADDED, one that leaves it as DELETED.
 */
public final class CacheWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CacheWatcher.class);
    /** The most events written in one chunk. */
    private static final int MAX_CHUNK_EVENTS = 256;

    private final WatchFilter filter;
    private final WatchEncoder encoder;
    private final StreamSink sink;
    private final boolean bookmarks;
    private final int maxQueued;
    private final long maxPendingBytes;
    private final Function<CachedObject, CachedObject> restampAsDeleted;

    /** Guards {@link #queue}, {@link #draining}, {@link #stopped}; never held while writing or encoding. */
    private final Object lock = new Object();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean stopped;
    private final List<Runnable> onStop = new ArrayList<>();

    public CacheWatcher(WatchFilter filter, WatchEncoder encoder, StreamSink sink, boolean bookmarks, int maxQueued,
                        long maxPendingBytes, Function<CachedObject, CachedObject> restampAsDeleted) {
        this.filter = filter;
        this.encoder = encoder;
        this.sink = sink;
        this.bookmarks = bookmarks;
        this.maxQueued = maxQueued;
        this.maxPendingBytes = maxPendingBytes;
        this.restampAsDeleted = restampAsDeleted;
        sink.onClose(this::stop);
    }

    private sealed interface Item permits Change, Bookmark, Failure, End {
    }

    private record Change(String type, CachedObject object) implements Item {
    }

    private record Bookmark(long revision) implements Item {
    }

    private record Failure(Status status) implements Item {
    }

    private record End() implements Item {
    }

    /** Runs {@code action} once when this watch stops (client gone, ended, failed). */
    void onStop(Runnable action) {
        boolean now;
        synchronized (lock) {
            now = stopped;
            if (!now) {
                onStop.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    /** An object of the initial state (ADDED), when it passes the filter. */
    void initial(CachedObject o) {
        if (filter.matches(o)) {
            enqueue(new Change("ADDED", o));
        }
    }

    void offer(CacheEvent e) {
        boolean now = filter.matches(e.object());
        boolean before = e.previous().map(filter::matches).orElse(false);
        switch (e.type()) {
            case ADDED -> {
                if (now) {
                    enqueue(new Change("ADDED", e.object()));
                }
            }
            case DELETED -> {
                if (now) {
                    enqueue(new Change("DELETED", e.object()));
                }
            }
            case MODIFIED -> {
                if (now && before) {
                    enqueue(new Change("MODIFIED", e.object()));
                } else if (now) {
                    enqueue(new Change("ADDED", e.object()));
                } else if (before) {
                    enqueue(new Change("DELETED", restampAsDeleted.apply(e.previous().get())));
                }
            }
        }
    }

    void bookmark(long revision) {
        if (bookmarks) {
            enqueue(new Bookmark(revision));
        }
    }

    /** Sends an ERROR event with {@code status} and ends the stream. */
    public void fail(Status status) {
        enqueue(new Failure(status));
        enqueue(new End());
    }

    /** Ends the stream after what is queued. */
    public void end() {
        enqueue(new End());
    }

    private void enqueue(Item item) {
        boolean schedule;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (queue.size() >= maxQueued && !(item instanceof End)) {
                LOG.info("watch ended: {} events queued for a slow client", queue.size());
                queue.clear();
                queue.add(new End());
            } else {
                queue.add(item);
            }
            schedule = !draining;
            draining = true;
        }
        if (schedule) {
            sink.executor().execute(this::drain);
        }
    }

    /**
     * Writes what is queued, as many events per chunk as are waiting (up to {@link #MAX_CHUNK_EVENTS}), flushed once:
     * under load a watcher gets its events in a few writes instead of one write per event (Kubernetes too flushes
     * only when no further event is waiting).
     */
    private void drain() {
        List<Item> items = new ArrayList<>();
        while (true) {
            items.clear();
            synchronized (lock) {
                for (Item i; items.size() < MAX_CHUNK_EVENTS && (i = queue.poll()) != null; ) {
                    items.add(i);
                }
                if (items.isEmpty() || stopped) {
                    draining = false;
                    return;
                }
            }
            if (!write(items)) {
                stop();
                sink.end();
                return;
            }
        }
    }

    /** Sends the lines of {@code items} as one chunk; false when the stream is over. */
    private boolean write(List<Item> items) {
        if (sink.pendingBytes() > maxPendingBytes) {
            LOG.info("watch ended: the client is not reading ({} bytes unsent)", sink.pendingBytes());
            return false;
        }
        List<byte[]> lines = new ArrayList<>(items.size());
        int size = 0;
        boolean end = false;
        for (Item item : items) {
            if (item instanceof End) {
                end = true;
                break;
            }
            byte[] line = line(item);
            lines.add(line);
            size += line.length;
        }
        if (!lines.isEmpty() && !sink.send(lines.size() == 1 ? lines.get(0) : concat(lines, size))) {
            return false;
        }
        return !end;
    }

    private byte[] line(Item item) {
        if (item instanceof Change c) {
            return encoder.change(c.type(), c.object());
        }
        if (item instanceof Bookmark b) {
            return encoder.bookmark(b.revision());
        }
        return encoder.error(((Failure) item).status());
    }

    private static byte[] concat(List<byte[]> lines, int size) {
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, out, at, line.length);
            at += line.length;
        }
        return out;
    }

    private void stop() {
        List<Runnable> actions;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            queue.clear();
            actions = new ArrayList<>(onStop);
            onStop.clear();
        }
        actions.forEach(Runnable::run);
    }
}
