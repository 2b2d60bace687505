package dev.keel.controllers.testing;

import dev.keel.api.client.ApiException;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodStatus;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import dev.keel.controllers.util.PodConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the scheduler and node agent for controller tests (neither exists in this module): binds every unbound pod
 * to {@code node-1} through the binding subresource, makes bound pods Running and Ready after a random delay in
 * [minDelay, maxDelay) through the status subresource (unless {@link #setAutoReady} turned that off), and finishes
 * graceful deletions with {@code gracePeriodSeconds=0}, as a kubelet does once the containers stopped.
 */
public final class FakeKubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeKubelet.class);
    public static final String NODE = "node-1";

    private final KubeClient client;
    private final InformerFactory informers;
    private final Informer<Pod> pods;
    private final ScheduledExecutorService executor;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> notReadyNamespaces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ips = new AtomicInteger();

    public FakeKubelet(KubeClient client, Duration minDelay, Duration maxDelay) {
        this.client = client;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.informers = new InformerFactory(client, InformerConfig.defaults(), 1);
        this.pods = informers.informer(Kinds.PODS);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-kubelet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                react(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                react(now);
            }
        });
    }

    public FakeKubelet start() {
        informers.start();
        return this;
    }

    /** Whether pods in {@code namespace} become ready by themselves (default true). */
    public void setAutoReady(String namespace, boolean autoReady) {
        if (autoReady) {
            notReadyNamespaces.remove(namespace);
            pods.cache().list().stream().filter(p -> namespace.equals(p.metadata().namespace()))
                    .forEach(this::react);
        } else {
            notReadyNamespaces.add(namespace);
        }
    }

    private void react(Pod pod) {
        String key = pod.metadata().key();
        if (pod.metadata().deletionTimestamp() != null) {
            schedule("delete " + key, Duration.ofMillis(ThreadLocalRandom.current().nextInt(30)),
                    () -> finishDeletion(pod));
        } else if (pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
            schedule("bind " + key, Duration.ZERO, () -> client.pods().bind(
                    Binding.of(pod.metadata().namespace(), pod.metadata().name(), NODE)));
        } else if (!PodConditions.isReady(pod) && !notReadyNamespaces.contains(pod.metadata().namespace())) {
            long span = Math.max(1, maxDelay.toMillis() - minDelay.toMillis());
            schedule("ready " + key, Duration.ofMillis(minDelay.toMillis()
                    + ThreadLocalRandom.current().nextLong(span)), () -> makeReady(pod));
        }
    }

    private void schedule(String action, Duration delay, Runnable r) {
        if (!pending.add(action)) {
            return;
        }
        executor.schedule(() -> {
            pending.remove(action);
            try {
                r.run();
            } catch (NotFoundException | ConflictException e) {
                // the pod moved on; its next event brings us back if needed
            } catch (ApiException e) {
                LOG.info("fake kubelet: {} failed: {}", action, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("fake kubelet: {} failed", action, e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finishDeletion(Pod pod) {
        client.pods().delete(pod.metadata().namespace(), pod.metadata().name(),
                DeleteOptions.defaults().withGracePeriodSeconds(0L));
    }

    private void makeReady(Pod seen) {
        if (notReadyNamespaces.contains(seen.metadata().namespace())) {
            return;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Pod pod = client.pods().get(seen.metadata().namespace(), seen.metadata().name());
            if (pod.metadata().deletionTimestamp() != null || PodConditions.isReady(pod)
                    || !pod.metadata().uid().equals(seen.metadata().uid())) {
                return;
            }
            Instant now = Instant.now();
            PodStatus status = pod.status().toBuilder()
                    .phase("Running")
                    .podIP("10.0." + (ips.get() / 250) + "." + (ips.incrementAndGet() % 250 + 1))
                    .hostIP("127.0.0.1")
                    .startTime(now)
                    .conditions(List.of(Condition.of("PodScheduled", true, now, null, null),
                            Condition.of(PodConditions.READY, true, now, null, null)))
                    .build();
            try {
                client.pods().updateStatus(pod.withStatus(status));
                return;
            } catch (ConflictException e) {
                // re-read and try again
            }
        }
    }

    @Override
    public void close() {
        informers.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
