package dev.keel.api.informer;

import dev.keel.api.client.GoneException;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.ListWatch;
import dev.keel.api.client.Watch;
import dev.keel.api.client.WatchEnd;
import dev.keel.api.client.WatchListener;
import dev.keel.api.client.WatchOptions;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.WatchEvent;
import dev.keel.api.workqueue.ExponentialBackoff;
import dev.keel.api.workqueue.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a local cache of one resource in step with the apiserver and tells handlers about changes.
 *
 * <p>The loop: list every page, replace the cache (emitting the differences as adds, updates and deletes), then
 * watch from the list's resourceVersion and apply each event. When a watch ends cleanly (its timeout), it resumes
 * from the last resourceVersion seen. On 410 Gone (the resume point was compacted) it lists again at once; on any
 * other failure (broken stream, error answer, failed list) it lists again after an exponential backoff on the
 * injected {@link Scheduler}. A watch that ends cleanly within a second of starting with no event counts as a
 * failure, so a server that closes watches at once cannot make the loop spin.
 *
 * <p>Threading: every step runs on a {@link SerialExecutor} over a shared pool, so handler calls never overlap
 * and follow the event order; stale callbacks from a replaced watch are dropped by an epoch number.
 * {@link #close()} stops the watch and timers and waits for the running step to finish.
 */
public final class Informer<T extends KubeObject> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Informer.class);
    private static final String BACKOFF_KEY = "relist";
    private static final long MIN_HEALTHY_WATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ListWatch<T> source;
    private final InformerConfig config;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final String name;
    private final SerialExecutor loop;
    private final ObjectCache<T> cache = new ObjectCache<>();
    private final EventDistributor<T> distributor;
    private final ExponentialBackoff<String> backoff;
    private final CountDownLatch synced = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong watches = new AtomicLong();

    // Confined to the loop.
    private long epoch;
    private String resourceVersion;
    private Watch watch;
    private long watchStartNanos;
    private int watchEvents;
    private Scheduler.Cancellable retry;
    private Scheduler.Cancellable resync;

    public Informer(ListWatch<T> source, InformerConfig config, Executor pool, Scheduler scheduler, Ticker ticker) {
        this.source = source;
        this.config = config;
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.name = "informer[" + source.resource().plural()
                + (config.namespace() == null ? "" : " in " + config.namespace())
                + (config.labelSelector() == null ? "" : " " + config.labelSelector())
                + (config.fieldSelector() == null ? "" : " " + config.fieldSelector()) + "]";
        this.loop = new SerialExecutor(pool, name);
        this.distributor = new EventDistributor<>(name, cache);
        this.backoff = new ExponentialBackoff<>(config.backoffBase(), config.backoffMax());
    }

    /** Starts the list and watch loop; later calls do nothing. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            loop.execute(this::relist);
        }
    }

    /** The cache: read-only objects, safe from any thread. */
    public ObjectCache<T> cache() {
        return cache;
    }

    /** Adds an index (also over objects already cached). */
    public void addIndexer(String indexName, Indexer<T> indexer) {
        cache.addIndexer(indexName, indexer);
    }

    /** Registers {@code handler}; objects already cached are replayed to it as adds, in its own turn of the loop. */
    public void addEventHandler(EventHandler<T> handler) {
        loop.execute(() -> distributor.addHandler(handler));
    }

    /** True once the first list has been applied to the cache and handed to the handlers. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lists made so far (the first one plus every relist). */
    public long listCount() {
        return lists.get();
    }

    /** Watches opened so far. */
    public long watchCount() {
        return watches.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        loop.execute(() -> {
            stop();
            stopped.countDown();
        });
        if (loop.inExecutor()) {
            return;
        }
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                log.warn("{}: a handler still runs 10 s after close", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        epoch++;
        cancelWatch();
        if (retry != null) {
            retry.cancel();
        }
        if (resync != null) {
            resync.cancel();
        }
    }

    private void relist() {
        if (closed.get()) {
            return;
        }
        long my = ++epoch;
        cancelWatch();
        lists.incrementAndGet();
        ListOptions options = ListOptions.all().withLabelSelector(config.labelSelector())
                .withFieldSelector(config.fieldSelector()).withLimit(config.pageSize());
        source.listAllAsync(config.namespace(), options)
                .whenComplete((list, err) -> loop.execute(() -> listed(my, list, err)));
    }

    private void listed(long my, ObjectList<T> list, Throwable err) {
        if (closed.get() || my != epoch) {
            return;
        }
        if (err != null) {
            log.info("{}: list failed, retrying: {}", name, err.getMessage());
            relistAfterFailure(false);
            return;
        }
        distributor.replace(list.items());
        resourceVersion = list.metadata().resourceVersion();
        if (synced.getCount() > 0) {
            synced.countDown();
            scheduleResync();
        }
        log.debug("{}: listed {} objects at resourceVersion {}", name, list.items().size(), resourceVersion);
        startWatch();
    }

    private void startWatch() {
        long my = ++epoch;
        int base = (int) config.watchTimeout().getSeconds();
        WatchOptions options = WatchOptions.from(resourceVersion)
                .withSelectors(config.labelSelector(), config.fieldSelector()).withBookmarks(true)
                .withTimeoutSeconds(base + ThreadLocalRandom.current().nextInt(base));
        watchStartNanos = ticker.nanoTime();
        watchEvents = 0;
        watches.incrementAndGet();
        try {
            watch = source.watch(config.namespace(), options, new WatchListener<>() {
                @Override
                public void onEvent(WatchEvent<T> event) {
                    loop.execute(() -> event(my, event));
                }

                @Override
                public void onClose(WatchEnd end) {
                    loop.execute(() -> watchEnded(my, end));
                }
            });
        } catch (RuntimeException e) {
            log.info("{}: cannot open a watch, relisting: {}", name, e.getMessage());
            relistAfterFailure(false);
        }
    }

    private void event(long my, WatchEvent<T> event) {
        if (closed.get() || my != epoch) {
            return;
        }
        if (event instanceof WatchEvent.Failure<T> f) {
            boolean gone = f.status().code() != null && f.status().code() == 410;
            log.info("{}: watch error {} {}: {}", name, f.status().code(), f.status().reason(), f.status().message());
            relistAfterFailure(gone);
            return;
        }
        WatchEvent.Change<T> c = (WatchEvent.Change<T>) event;
        switch (c.changeType()) {
            case ADDED:
            case MODIFIED:
                distributor.upsert(c.object());
                break;
            case DELETED:
                distributor.delete(c.object());
                break;
            default:
                break;
        }
        String rv = c.object().metadata().resourceVersion();
        if (rv != null && !rv.isEmpty()) {
            resourceVersion = rv;
        }
        watchEvents++;
        backoff.forget(BACKOFF_KEY);
    }

    private void watchEnded(long my, WatchEnd end) {
        if (closed.get() || my != epoch) {
            return;
        }
        watch = null;
        if (end instanceof WatchEnd.Failed f) {
            log.info("{}: watch failed, relisting: {}", name, f.cause().getMessage());
            relistAfterFailure(f.cause() instanceof GoneException);
        } else if (watchEvents > 0 || ticker.nanoTime() - watchStartNanos >= MIN_HEALTHY_WATCH_NANOS) {
            backoff.forget(BACKOFF_KEY);
            startWatch();
        } else {
            log.info("{}: watch ended at once without events, relisting", name);
            relistAfterFailure(false);
        }
    }

    /** Relists after the backoff; a first 410 after a healthy period relists at once. */
    private void relistAfterFailure(boolean gone) {
        long my = ++epoch;
        cancelWatch();
        boolean first = backoff.numRequeues(BACKOFF_KEY) == 0;
        Duration delay = backoff.when(BACKOFF_KEY);
        if (gone && first) {
            delay = Duration.ZERO;
        }
        if (delay.isZero()) {
            relist();
            return;
        }
        log.debug("{}: relisting in {}", name, delay);
        retry = scheduler.schedule(delay, () -> loop.execute(() -> {
            if (my == epoch) {
                relist();
            }
        }));
    }

    private void scheduleResync() {
        if (config.resyncPeriod().isZero() || closed.get()) {
            return;
        }
        resync = scheduler.schedule(config.resyncPeriod(), () -> loop.execute(() -> {
            if (!closed.get()) {
                distributor.resync();
                scheduleResync();
            }
        }));
    }

    private void cancelWatch() {
        Watch w = watch;
        watch = null;
        if (w != null) {
            w.cancel();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
