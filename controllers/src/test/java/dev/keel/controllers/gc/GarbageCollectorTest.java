package dev.keel.controllers.gc;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.OwnerReference;
import dev.keel.apiserver.TestCluster;
import dev.keel.controllers.manager.ControllerManager;
import dev.keel.controllers.testing.Managers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.keel.controllers.testing.Awaits.await;
import static dev.keel.controllers.testing.Objects.namespace;
import static dev.keel.controllers.testing.Objects.ownerRef;
import static dev.keel.controllers.testing.Objects.pod;
import static dev.keel.controllers.testing.Objects.port;
import static dev.keel.controllers.testing.Objects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The garbage collector with Services as owners and pods as dependents. The foreground and orphan cases set the
 * owner's finalizer themselves (what the apiserver does for a delete with that propagationPolicy).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GarbageCollectorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NS = "gc";
    private TestCluster cluster;
    private KubeClient client;
    private ResourceClient<Service> services;
    private ControllerManager manager;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
        services = client.resource(Kinds.SERVICES);
        manager = new ControllerManager(Managers.only(cluster, GarbageCollector.NAME)).start();
        client.resource(Kinds.NAMESPACES).create(namespace(NS));
    }

    @AfterAll
    void stop() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void backgroundDeletingAnOwnerDeletesItsDependents() {
        Service owner = owner("bg", List.of());
        Pod a = dependent("bg-a", ownerRef(owner, true));
        Pod b = dependent("bg-b", ownerRef(owner, false));
        Pod other = dependent("bg-other");
        services.delete(NS, "bg", DeleteOptions.defaults());
        await("dependents deleted", WAIT, () -> gone(a) && gone(b));
        assertTrue(!gone(other), "an object without owners stays");
    }

    @Test
    void anOwnerWithTheSameNameButANewUidIsAnotherOwner() {
        Service first = owner("reborn", List.of());
        services.delete(NS, "reborn", DeleteOptions.defaults());
        Service second = owner("reborn", List.of());
        Pod orphan = dependent("reborn-old", ownerRef(first, true));
        Pod child = dependent("reborn-new", ownerRef(second, true));
        await("the dependent of the first owner deleted", WAIT, () -> gone(orphan));
        assertTrue(!gone(child), "the dependent of the live owner stays");
    }

    @Test
    void aDependentWithALiveOwnerLosesOnlyTheReferenceToTheGoneOne() {
        Service live = owner("live", List.of());
        Service dead = owner("dead", List.of());
        Pod p = dependent("two-owners", ownerRef(live, true), ownerRef(dead, true));
        services.delete(NS, "dead", DeleteOptions.defaults());
        await("the reference to the gone owner removed", WAIT,
                () -> client.pods().get(NS, p.metadata().name()).metadata().ownerReferences().size() == 1);
        assertEquals(live.metadata().uid(),
                client.pods().get(NS, p.metadata().name()).metadata().ownerReferences().get(0).uid());
    }

    @Test
    void foregroundDeletesDependentsFirstThenTheOwner() {
        Service owner = owner("fg", List.of(GcFinalizers.FOREGROUND));
        Pod a = dependent("fg-a", ownerRef(owner, true));
        Pod b = dependent("fg-b", ownerRef(owner, false));
        services.delete(NS, "fg", DeleteOptions.defaults());
        await("dependents deleted, then the owner", WAIT, () -> gone(a) && gone(b) && serviceGone("fg"));
    }

    @Test
    void orphanKeepsDependentsWithoutTheReference() {
        Service owner = owner("orph", List.of(GcFinalizers.ORPHAN));
        Pod a = dependent("orph-a", ownerRef(owner, true));
        services.delete(NS, "orph", DeleteOptions.defaults());
        await("owner gone", WAIT, () -> serviceGone("orph"));
        Pod kept = client.pods().get(NS, a.metadata().name());
        assertEquals(List.of(), kept.metadata().ownerReferences(), "the reference is removed");
        assertEquals(null, kept.metadata().deletionTimestamp());
    }

    private Service owner(String name, List<String> finalizers) {
        Service s = service(NS, name, Map.of(), port(null, 80, null));
        return services.create(s.withMetadata(s.metadata().toBuilder().finalizers(finalizers).build()));
    }

    private Pod dependent(String name, OwnerReference... owners) {
        Pod p = pod(NS, name, Map.of(), null);
        return client.pods().create(p.withMetadata(p.metadata().toBuilder().ownerReferences(List.of(owners)).build()));
    }

    private boolean gone(Pod p) {
        try {
            return !client.pods().get(NS, p.metadata().name()).metadata().uid().equals(p.metadata().uid());
        } catch (NotFoundException e) {
            return true;
        }
    }

    private boolean serviceGone(String name) {
        try {
            services.get(NS, name);
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }
}
