package dev.keel.node;

import dev.keel.api.client.AlreadyExistsException;
import dev.keel.api.client.ApiException;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.coordination.Lease;
import dev.keel.api.coordination.LeaseSpec;
import dev.keel.api.core.Node;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The node's presence in the API: registers the Node, renews its Lease in {@code kube-node-lease}, and writes the
 * Node's status (conditions from real readings) when it changes or at least every {@code statusReportInterval}.
 * Ticks run on the agent's executor and never overlap themselves; the API calls are asynchronous.
 */
final class NodeHeartbeat {
    static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);
    private static final Duration REGISTER_WAIT = Duration.ofSeconds(60);

    private final KubeClient client;
    private final NodeAgentConfig config;
    private final Supplier<NodeReadings> readings;
    private final String runtimeVersion;
    private final Clock clock;
    private final AtomicBoolean leaseBusy = new AtomicBoolean();
    private final AtomicBoolean statusBusy = new AtomicBoolean();
    private volatile int port;
    /** The last Node the server returned to us (its resourceVersion is what the next status write expects). */
    private volatile Node node;
    private volatile Lease lease;
    private volatile Instant lastStatusWrite = Instant.EPOCH;

    NodeHeartbeat(KubeClient client, NodeAgentConfig config, Supplier<NodeReadings> readings, String runtimeVersion,
                  Clock clock) {
        this.client = client;
        this.config = config;
        this.readings = readings;
        this.runtimeVersion = runtimeVersion;
        this.clock = clock;
    }

    /**
     * Creates the Node, or updates the existing one (labels, missing taints, status). Blocking; a transient failure
     * (e.g. 503 while the store elects a leader) is retried with backoff for up to {@link #REGISTER_WAIT}, as a
     * kubelet keeps trying to register; throws on any other failure or when that time is up.
     */
    void register(int agentPort) {
        Instant deadline = clock.instant().plus(REGISTER_WAIT);
        long backoffMillis = 200;
        while (true) {
            try {
                registerOnce(agentPort);
                return;
            } catch (ApiException e) {
                if (!e.isTransient() || clock.instant().plusMillis(backoffMillis).isAfter(deadline)) {
                    throw e;
                }
                LOG.info("registering node {} failed ({}); retrying in {} ms", config.nodeName(), e.getMessage(),
                        backoffMillis);
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering node " + config.nodeName(), e);
            }
            backoffMillis = Math.min(backoffMillis * 2, 5_000);
        }
    }

    private void registerOnce(int agentPort) {
        this.port = agentPort;
        Instant now = now();
        List<Condition> conditions = NodeObjects.conditions(readings.get(), List.of(), now);
        Node desired = NodeObjects.desired(config, agentPort, runtimeVersion, conditions);
        Node created;
        try {
            created = client.nodes().create(desired);
            LOG.info("registered node {} (address {}, agent port {})", config.nodeName(), config.address(), agentPort);
        } catch (AlreadyExistsException e) {
            Node existing = client.nodes().get(null, config.nodeName());
            created = client.nodes().update(NodeObjects.merged(existing, config));
            LOG.info("node {} exists already: updated its labels and taints", config.nodeName());
        }
        List<Condition> previous = created.status().conditions();
        node = client.nodes().updateStatus(created.withStatus(NodeObjects.status(config, agentPort, runtimeVersion,
                NodeObjects.conditions(readings.get(), previous, now))));
        lastStatusWrite = now;
    }

    /** The Node as last written (its uid owns the Lease). */
    Node node() {
        return node;
    }

    /** Renews (or creates) the Lease. Skipped if the previous renewal is still in flight. */
    void renewLease() {
        if (!leaseBusy.compareAndSet(false, true)) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Lease current = lease;
        CompletableFuture<Lease> write;
        if (current == null) {
            write = client.resource(Kinds.LEASES).getAsync(LEASE_NAMESPACE, config.nodeName())
                    .thenCompose(l -> client.resource(Kinds.LEASES).updateAsync(renewed(l, now)))
                    .exceptionallyCompose(e -> unwrap(e) instanceof NotFoundException
                            ? client.resource(Kinds.LEASES).createAsync(newLease(now))
                            : CompletableFuture.failedFuture(e));
        } else {
            write = client.resource(Kinds.LEASES).updateAsync(renewed(current, now));
        }
        write.whenComplete((l, e) -> {
            leaseBusy.set(false);
            if (e == null) {
                lease = l;
            } else {
                lease = null;
                Throwable cause = unwrap(e);
                if (cause instanceof ConflictException || cause instanceof AlreadyExistsException) {
                    LOG.debug("lease of node {} changed under us; re-reading it", config.nodeName());
                } else {
                    LOG.warn("cannot renew the lease of node {}: {}", config.nodeName(), cause.toString());
                }
            }
        });
    }

    /** Recomputes the conditions and writes the Node status if they changed or the last write is too old. */
    void updateStatus() {
        Node current = node;
        if (current == null || !statusBusy.compareAndSet(false, true)) {
            return;
        }
        Instant now = now();
        List<Condition> conditions = NodeObjects.conditions(readings.get(), current.status().conditions(), now);
        boolean due = !now.isBefore(lastStatusWrite.plus(config.statusReportInterval()));
        if (!due && !NodeObjects.changed(conditions, current.status().conditions())) {
            statusBusy.set(false);
            return;
        }
        Node desired = current.withStatus(current.status().withConditions(conditions));
        client.nodes().updateStatusAsync(desired)
                .exceptionallyCompose(e -> unwrap(e) instanceof ConflictException
                        ? client.nodes().getAsync(null, config.nodeName()).thenCompose(fresh ->
                        client.nodes().updateStatusAsync(fresh.withStatus(NodeObjects.status(config, port,
                                runtimeVersion, NodeObjects.conditions(readings.get(), fresh.status().conditions(),
                                        now)))))
                        : CompletableFuture.failedFuture(e))
                .whenComplete((n, e) -> {
                    statusBusy.set(false);
                    if (e == null) {
                        node = n;
                        lastStatusWrite = now;
                    } else {
                        LOG.warn("cannot update the status of node {}: {}", config.nodeName(), unwrap(e).toString());
                    }
                });
    }

    private Lease newLease(Instant now) {
        Node n = node;
        ObjectMeta.Builder meta = ObjectMeta.builder().namespace(LEASE_NAMESPACE).name(config.nodeName());
        if (n != null && n.metadata().uid() != null) {
            meta.ownerReferences(List.of(new OwnerReference("v1", "Node", n.metadata().name(), n.metadata().uid(),
                    null, null, Map.of())));
        }
        return Lease.of(meta.build(), new LeaseSpec(config.nodeName(), (int) config.leaseDuration().toSeconds(), now,
                now, null, Map.of()));
    }

    private Lease renewed(Lease l, Instant now) {
        LeaseSpec s = l.spec();
        return l.withSpec(new LeaseSpec(config.nodeName(), (int) config.leaseDuration().toSeconds(),
                s.acquireTime() == null ? now : s.acquireTime(), now, s.leaseTransitions(), s.unknownFields()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
