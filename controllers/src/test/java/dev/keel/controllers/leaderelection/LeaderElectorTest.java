package dev.keel.controllers.leaderelection;

import dev.keel.api.client.KubeClient;
import dev.keel.api.coordination.Lease;
import dev.keel.api.kinds.Kinds;
import dev.keel.apiserver.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two candidates against a real apiserver: one leads; release and lost renewals hand the lease over. */
class LeaderElectorTest {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubeClient client;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Records which candidate leads, and checks that two never lead at once. */
    private static final class Timeline {
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile String leader;
        volatile boolean overlap;

        LeaderCallbacks of(String id) {
            return new LeaderCallbacks() {
                @Override
                public void onStartedLeading() {
                    synchronized (Timeline.this) {
                        if (leader != null) {
                            overlap = true;
                        }
                        leader = id;
                        log.add("+" + id);
                    }
                }

                @Override
                public void onStoppedLeading() {
                    synchronized (Timeline.this) {
                        if (id.equals(leader)) {
                            leader = null;
                        }
                        log.add("-" + id);
                    }
                }
            };
        }
    }

    private static LeaderElectionConfig config(String lease, String id) {
        return LeaderElectionConfig.of("default", lease, id)
                .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300));
    }

    @Test
    void closingTheLeaderReleasesTheLeaseToTheStandby() throws Exception {
        Timeline t = new Timeline();
        try (LeaderElector a = new LeaderElector(client, config("release", "a"), t.of("a")).start()) {
            await(a::isLeader, "a leads");
            try (LeaderElector b = new LeaderElector(client, config("release", "b"), t.of("b")).start()) {
                Thread.sleep(1_000); // b campaigns for a while; it must not take a held lease
                assertFalse(b.isLeader());
                long closed = System.nanoTime();
                a.close();
                await(b::isLeader, "b leads after a released");
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
                assertTrue(took < 3_000, "a released lease is taken before it would have expired, took " + took);
                Lease lease = client.resource(Kinds.LEASES).get("default", "release");
                assertEquals("b", lease.spec().holderIdentity());
                assertEquals(1, lease.spec().leaseTransitions());
            }
        }
        assertFalse(t.overlap, "two leaders at once: " + t.log);
    }

    @Test
    void aLeaderThatCannotRenewStepsDownBeforeTheStandbyTakesOver() throws Exception {
        Timeline t = new Timeline();
        KubeClient own = cluster.newClient();
        try (LeaderElector a = new LeaderElector(own, config("partition", "a"), t.of("a")).start()) {
            await(a::isLeader, "a leads");
            try (LeaderElector b = new LeaderElector(client, config("partition", "b"), t.of("b")).start()) {
                own.close(); // a can no longer reach the apiserver: its renewals fail
                await(() -> !a.isLeader(), "a steps down");
                await(b::isLeader, "b leads after the lease expired");
            }
        }
        assertFalse(t.overlap, "two leaders at once: " + t.log);
        assertEquals(List.of("+a", "-a", "+b", "-b"), t.log);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50); // polling a state that has no event to wait on
        }
    }
}
