package dev.keel.controllers.namespace;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Pod;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
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
import static dev.keel.controllers.testing.Objects.pod;
import static dev.keel.controllers.testing.Objects.port;
import static dev.keel.controllers.testing.Objects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Deleting a namespace through the namespace controller; the test plays the agent of a bound pod. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestCluster cluster;
    private KubeClient client;
    private ControllerManager manager;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
        manager = new ControllerManager(Managers.only(cluster, NamespaceController.NAME)).start();
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
    void deletingANamespaceRemovesItsContentThenTheNamespace() {
        String ns = "doomed";
        client.resource(Kinds.NAMESPACES).create(namespace(ns));
        client.resource(Kinds.SERVICES).create(service(ns, "svc", Map.of("a", "b"), port(null, 80, null)));
        client.resource(Kinds.ENDPOINTS).create(Endpoints.of(ObjectMeta.of(ns, "svc"), List.of()));
        client.pods().create(pod(ns, "unbound", Map.of(), null));
        client.pods().create(pod(ns, "bound", Map.of(), "n1"));
        client.resource(Kinds.NAMESPACES).create(namespace("bystander"));
        client.pods().create(pod("bystander", "stays", Map.of(), null));

        Namespace marked = client.resource(Kinds.NAMESPACES).delete(null, ns, DeleteOptions.defaults()).orElseThrow();
        assertEquals("Terminating", marked.status().phase());

        await("everything but the bound pod gone; the bound pod terminating", WAIT, () ->
                count(Kinds.SERVICES, ns) == 0 && count(Kinds.ENDPOINTS, ns) == 0
                        && client.pods().listAll(ns, ListOptions.all()).items().stream()
                        .allMatch(p -> p.metadata().name().equals("bound") && p.metadata().deletionTimestamp() != null));
        await("the namespace reports the pod remaining", WAIT, () -> condition(ns, "NamespaceContentRemaining")
                .equals("True/SomeResourcesRemain/Some resources are remaining: pods. has 1 resource instances"));
        assertNotNull(client.resource(Kinds.NAMESPACES).get(null, ns), "waits for the pod to go");

        // The agent confirms the pod's termination.
        client.pods().delete(ns, "bound", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        await("namespace gone", WAIT, () -> {
            try {
                client.resource(Kinds.NAMESPACES).get(null, ns);
                return false;
            } catch (NotFoundException e) {
                return true;
            }
        });
        Pod stays = client.pods().get("bystander", "stays");
        assertEquals(null, stays.metadata().deletionTimestamp(), "other namespaces are untouched");
    }

    private String condition(String ns, String type) {
        return client.resource(Kinds.NAMESPACES).get(null, ns).status().conditions().stream()
                .filter(c -> c.type().equals(type)).map(c -> c.status() + "/" + c.reason() + "/" + c.message())
                .findFirst().orElse("");
    }

    private int count(dev.keel.api.kinds.ResourceType<?> type, String ns) {
        return client.resource(type).listAll(ns, ListOptions.all()).items().size();
    }
}
