package dev.keel.apiserver.e2e;

import dev.keel.apiserver.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fabric8 Kubernetes client against Keel over HTTPS with a token: CRUD, watch and an informer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fabric8ClientTest {
    private static final String NS = "f8";
    private TestCluster cluster;
    private KubernetesClient client;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        Config config = new ConfigBuilder().withMasterUrl(cluster.httpsUrl())
                .withCaCertFile(cluster.apiserver().caCertificateFile().toString())
                .withOauthToken(cluster.apiserver().adminToken())
                .withRequestTimeout(20_000).withConnectionTimeout(10_000).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void podCrud() {
        Pod created = client.pods().inNamespace(NS).resource(pod("crud", "a")).create();
        assertNotNull(created.getMetadata().getUid());
        assertEquals("Always", created.getSpec().getRestartPolicy());
        assertEquals("crud", client.pods().inNamespace(NS).withName("crud").get().getMetadata().getName());
        assertEquals(1, client.pods().inNamespace(NS).withLabel("app", "a").list().getItems().size());
        Pod edited = client.pods().inNamespace(NS).withName("crud")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("edited", "yes").endMetadata().build());
        assertEquals("yes", edited.getMetadata().getLabels().get("edited"));
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> client.pods().inNamespace(NS).resource(new PodBuilder(created).editMetadata()
                        .addToLabels("stale", "1").endMetadata().build()).update());
        assertEquals(409, conflict.getCode());
        assertTrue(client.pods().inNamespace(NS).withName("crud").delete().size() == 1);
        assertNull(client.pods().inNamespace(NS).withName("crud").get());
    }

    @Test
    void deploymentCrudAndScale() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
        Deployment created = client.apps().deployments().inNamespace(NS).resource(d).create();
        assertEquals(1L, created.getMetadata().getGeneration());
        client.apps().deployments().inNamespace(NS).withName("web").scale(4);
        Deployment scaled = client.apps().deployments().inNamespace(NS).withName("web").get();
        assertEquals(4, scaled.getSpec().getReplicas());
        assertEquals(2L, scaled.getMetadata().getGeneration());
        assertEquals("RollingUpdate", scaled.getSpec().getStrategy().getType());
        client.apps().deployments().inNamespace(NS).withName("web").delete();
        assertNull(client.apps().deployments().inNamespace(NS).withName("web").get());
    }

    @Test
    void watchSeesChanges() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch w = client.pods().inNamespace(NS).withLabel("app", "w").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action != Action.BOOKMARK) {
                    events.add(action + " " + pod.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause);
            }
        })) {
            client.pods().inNamespace(NS).resource(pod("w1", "w")).create();
            client.pods().inNamespace(NS).withName("w1").edit(p -> new PodBuilder(p).editMetadata()
                    .addToAnnotations("a", "b").endMetadata().build());
            client.pods().inNamespace(NS).withName("w1").withGracePeriod(0).delete();
            assertEquals("ADDED w1", events.poll(20, TimeUnit.SECONDS));
            assertEquals("MODIFIED w1", events.poll(20, TimeUnit.SECONDS));
            assertEquals("DELETED w1", events.poll(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void informerCachesAndNotifies() throws Exception {
        client.pods().inNamespace(NS).resource(pod("i0", "inf")).create();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(NS).withLabel("app", "inf")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        seen.add("add " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        if (!oldPod.getMetadata().getResourceVersion().equals(newPod.getMetadata().getResourceVersion())) {
                            seen.add("update " + newPod.getMetadata().getName());
                        }
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknownFinalState) {
                        seen.add("delete " + pod.getMetadata().getName());
                    }
                });
        try {
            assertEquals("add i0", seen.poll(20, TimeUnit.SECONDS));
            client.pods().inNamespace(NS).resource(pod("i1", "inf")).create();
            assertEquals("add i1", seen.poll(20, TimeUnit.SECONDS));
            client.pods().inNamespace(NS).withName("i1").edit(p -> new PodBuilder(p).editMetadata()
                    .addToLabels("x", "y").endMetadata().build());
            assertEquals("update i1", seen.poll(20, TimeUnit.SECONDS));
            client.pods().inNamespace(NS).withName("i0").delete();
            assertEquals("delete i0", seen.poll(20, TimeUnit.SECONDS));
            List<String> cached = informer.getStore().list().stream().map(p -> p.getMetadata().getName()).toList();
            assertEquals(List.of("i1"), cached);
        } finally {
            informer.close();
        }
    }

    private static Pod pod(String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", app)).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    }
}
