package dev.keel.controllers.leaderelection;

import dev.keel.api.client.AlreadyExistsException;
import dev.keel.api.client.ApiException;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.coordination.Lease;
import dev.keel.api.coordination.LeaseSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it: every
 * {@code retryPeriod} the elector reads the lease; a free lease, or one whose record has not changed for
 * {@code leaseDuration} as seen on this instance's monotonic clock, is taken with a compare-and-swap update (409 =
 * someone else was faster); the holder renews it the same way and steps down when it could not renew for
 * {@code renewDeadline}, which is shorter than the lease duration, so a partitioned leader stops before a standby can
 * take over. {@link #close()} releases a held lease so a standby takes over at once.
 */
public final class LeaderElector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

    private final ResourceClient<Lease> leases;
    private final LeaderElectionConfig config;
    private final LeaderCallbacks callbacks;
    private final Clock clock;
    private final ScheduledExecutorService loop;

    // Touched only by the loop thread.
    private Lease observed;
    private long observedAtNanos;
    private long lastRenewNanos;
    private String lastLeader;
    private volatile boolean leading;
    private volatile boolean closed;

    public LeaderElector(KubeClient client, LeaderElectionConfig config, LeaderCallbacks callbacks) {
        this(client, config, callbacks, Clock.systemUTC());
    }

    public LeaderElector(KubeClient client, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.clock = clock;
        this.leases = client.resource(Kinds.LEASES).withTimeout(config.renewDeadline().dividedBy(2));
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leader-election-" + config.leaseName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts campaigning; returns at once. */
    public LeaderElector start() {
        loop.scheduleWithFixedDelay(this::tick, 0, config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether this instance holds the lease (as of its last successful renewal). */
    public boolean isLeader() {
        return leading;
    }

    public LeaderElectionConfig config() {
        return config;
    }

    private void tick() {
        if (closed) {
            return;
        }
        boolean held;
        try {
            held = tryAcquireOrRenew();
        } catch (RuntimeException e) { // e.g. a closed client: an attempt that failed like any other
            LOG.debug("lease {}/{}: {}", config.namespace(), config.leaseName(), e.toString());
            held = false;
        }
        long now = System.nanoTime();
        if (held) {
            lastRenewNanos = now;
            if (!leading) {
                leading = true;
                LOG.info("{} became the leader of lease {}/{}", config.identity(), config.namespace(),
                        config.leaseName());
                safely(callbacks::onStartedLeading);
            }
        } else if (leading && now - lastRenewNanos > config.renewDeadline().toNanos()) {
            LOG.warn("{} could not renew lease {}/{} within {}: stepping down", config.identity(),
                    config.namespace(), config.leaseName(), config.renewDeadline());
            stepDown();
        }
    }

    private void stepDown() {
        if (leading) {
            leading = false;
            safely(callbacks::onStoppedLeading);
        }
    }

    private boolean tryAcquireOrRenew() {
        Lease current;
        try {
            current = leases.get(config.namespace(), config.leaseName());
        } catch (NotFoundException e) {
            return create();
        } catch (ApiException e) {
            LOG.debug("reading lease {}/{}: {}", config.namespace(), config.leaseName(), e.getMessage());
            return false;
        }
        long now = System.nanoTime();
        if (observed == null || !Objects.equals(observed.metadata().resourceVersion(),
                current.metadata().resourceVersion())) {
            observed = current;
            observedAtNanos = now;
        }
        LeaseSpec spec = current.spec();
        String holder = spec.holderIdentity() == null ? "" : spec.holderIdentity();
        noteLeader(holder);
        boolean mine = holder.equals(config.identity());
        if (!mine && !holder.isEmpty() && now - observedAtNanos < config.leaseDuration().toNanos()) {
            return false;
        }
        var nowInstant = clock.instant();
        int transitions = spec.leaseTransitions() == null ? 0 : spec.leaseTransitions();
        LeaseSpec next = new LeaseSpec(config.identity(), leaseSeconds(),
                mine ? spec.acquireTime() : nowInstant, nowInstant, mine ? transitions : transitions + 1,
                spec.unknownFields());
        try {
            Lease updated = leases.update(current.withSpec(next));
            observed = updated;
            observedAtNanos = System.nanoTime();
            noteLeader(config.identity());
            return true;
        } catch (ConflictException e) {
            return false;
        } catch (ApiException e) {
            LOG.debug("updating lease {}/{}: {}", config.namespace(), config.leaseName(), e.getMessage());
            return false;
        }
    }

    private boolean create() {
        var now = clock.instant();
        Lease lease = new Lease(null, null, ObjectMeta.of(config.namespace(), config.leaseName()),
                new LeaseSpec(config.identity(), leaseSeconds(), now, now, 0, Map.of()), Map.of());
        try {
            observed = leases.create(lease);
            observedAtNanos = System.nanoTime();
            noteLeader(config.identity());
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        } catch (ApiException e) {
            LOG.debug("creating lease {}/{}: {}", config.namespace(), config.leaseName(), e.getMessage());
            return false;
        }
    }

    private void noteLeader(String holder) {
        if (!holder.equals(lastLeader)) {
            lastLeader = holder;
            safely(() -> callbacks.onNewLeader(holder));
        }
    }

    /** A callback that throws must not end the election loop (a scheduled task that throws is never run again). */
    private void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("leader election callback failed", e);
        }
    }

    private int leaseSeconds() {
        return (int) Math.max(1, config.leaseDuration().toSeconds());
    }

    /** Stops campaigning; a held lease is released (holder cleared) so a standby can take over at once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.submit(this::release).get(config.renewDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("releasing lease {}/{}: {}", config.namespace(), config.leaseName(), e.toString());
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        if (!leading) {
            return;
        }
        Lease held = observed;
        stepDown();
        if (held != null && config.identity().equals(held.spec().holderIdentity())) {
            LeaseSpec s = held.spec();
            try {
                leases.update(held.withSpec(new LeaseSpec("", 1, s.acquireTime(), clock.instant(),
                        s.leaseTransitions(), s.unknownFields())));
            } catch (ApiException e) {
                LOG.debug("could not release lease {}/{}: {}", config.namespace(), config.leaseName(),
                        e.getMessage());
            }
        }
    }
}
