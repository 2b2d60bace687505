package dev.keel.api.informer;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListWatch;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.workqueue.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hands out one shared {@link Informer} per resource and config, so that several controllers in a process share
 * one list+watch and one cache per kind (client-go's SharedInformerFactory). Owns a small thread pool on which
 * every informer's loop and timers run; {@link #close()} closes the informers, then the pool.
 *
 * <pre>{@code
 *   try (InformerFactory f = new InformerFactory(client, InformerConfig.defaults())) {
 *       Informer<Pod> pods = f.informer(Kinds.PODS);
 *       pods.addEventHandler(handler);
 *       f.start();
 *       f.awaitSynced(Duration.ofSeconds(30));
 *   }
 * }</pre>
 */
public final class InformerFactory implements AutoCloseable {
    private final Function<ResourceType<?>, ListWatch<?>> sources;
    private final InformerConfig defaults;
    private final ScheduledExecutorService pool;
    private final Scheduler scheduler;
    private final Ticker ticker;
    /** Guards {@code informers} and {@code started}. */
    private final Object lock = new Object();
    private final Map<Key, Informer<?>> informers = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    private record Key(ResourceType<?> resource, InformerConfig config) {
    }

    /** Informers over {@code client}, on a pool of {@code threads} threads, with the real clock. */
    public InformerFactory(KubeClient client, InformerConfig defaults, int threads) {
        this(client::resource, defaults, threads, null, Ticker.system());
    }

    public InformerFactory(KubeClient client, InformerConfig defaults) {
        this(client, defaults, 2);
    }

    /**
     * With explicit seams: {@code sources} gives the list+watch of a resource; {@code scheduler} ({@code null}: real
     * time on the factory's pool) and {@code ticker} are the clock.
     */
    public InformerFactory(Function<ResourceType<?>, ListWatch<?>> sources, InformerConfig defaults, int threads,
                           Scheduler scheduler, Ticker ticker) {
        this.sources = sources;
        this.defaults = defaults;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "keel-informer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = scheduler != null ? scheduler : new ExecutorScheduler(pool);
        this.ticker = ticker;
    }

    /** The shared informer of {@code resource} with the factory's default config. */
    public <T extends KubeObject> Informer<T> informer(ResourceType<T> resource) {
        return informer(resource, defaults);
    }

    /** The shared informer of {@code resource} with {@code config} (e.g. a field selector); started if the factory is. */
    @SuppressWarnings("unchecked")
    public <T extends KubeObject> Informer<T> informer(ResourceType<T> resource, InformerConfig config) {
        Informer<T> inf;
        boolean start;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the informer factory is closed");
            }
            Key key = new Key(resource, config);
            Informer<?> existing = informers.get(key);
            if (existing != null) {
                return (Informer<T>) existing;
            }
            ListWatch<T> source = (ListWatch<T>) sources.apply(resource);
            inf = new Informer<>(source, config, pool, scheduler, ticker);
            informers.put(key, inf);
            start = started;
        }
        if (start) {
            inf.start();
        }
        return inf;
    }

    /** Starts every informer made so far and every one made later. */
    public void start() {
        List<Informer<?>> all;
        synchronized (lock) {
            started = true;
            all = new ArrayList<>(informers.values());
        }
        all.forEach(Informer::start);
    }

    /** Waits until every informer made so far has synced; false on timeout. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Informer<?>> all;
        synchronized (lock) {
            all = new ArrayList<>(informers.values());
        }
        for (Informer<?> i : all) {
            if (!i.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        List<Informer<?>> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(informers.values());
        }
        all.forEach(Informer::close);
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
