package dev.keel.apiserver.client;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.Scale;
import dev.keel.api.client.AlreadyExistsException;
import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.InvalidException;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.PatchType;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.client.TransientException;
import dev.keel.api.client.UnauthorizedException;
import dev.keel.api.client.WatchEnd;
import dev.keel.api.client.WatchListener;
import dev.keel.api.client.WatchOptions;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodStatus;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.apiserver.TestCluster;
import dev.keel.apiserver.tls.CertificateAuthority;
import dev.keel.apiserver.tls.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api module's client and informer against the real apiserver on a 1-replica store, over HTTPS with the
 * kubeconfig {@code keel kubeconfig} writes (CA + admin token).
 */
class KubeClientIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubeClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 1);
        Path kubeconfig = dir.resolve("kubeconfig");
        dev.keel.apiserver.kubeconfig.Kubeconfig.write(kubeconfig, dev.keel.apiserver.kubeconfig.Kubeconfig.render(
                cluster.httpsUrl(), Files.readString(cluster.apiserver().caCertificateFile()),
                cluster.apiserver().adminToken()));
        client = KubeClient.create(Kubeconfig.load(kubeconfig));
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

    private static Pod pod(String name, Map<String, String> labels) {
        return Pod.of(ObjectMeta.builder().namespace("default").name(name).labels(labels).build(),
                PodSpec.builder().containers(List.of(Container.of("main", "busybox"))).build());
    }

    @Test
    void crudWithTypedErrors() {
        ResourceClient<Pod> pods = client.pods();
        Pod created = pods.create(pod("crud", Map.of("app", "crud")));
        assertNotNull(created.metadata().uid());
        assertThrows(AlreadyExistsException.class, () -> pods.create(pod("crud", Map.of())));

        Pod updated = pods.update(created.withMetadata(created.metadata().toBuilder()
                .labels(Map.of("app", "crud", "v", "2")).build()));
        assertEquals("2", updated.metadata().labels().get("v"));
        ConflictException conflict = assertThrows(ConflictException.class, () -> pods.update(created));
        assertEquals(409, conflict.code());

        Pod merged = pods.patch("default", "crud", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"3\"}}}");
        assertEquals("3", merged.metadata().labels().get("v"));
        Pod strategic = pods.patch("default", "crud", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:2\"}]}}");
        assertEquals("busybox:2", strategic.spec().containers().get(0).image());
        Pod json = pods.patch("default", "crud", PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/metadata/labels/v\",\"value\":\"4\"}]");
        assertEquals("4", json.metadata().labels().get("v"));

        Pod running = pods.updateStatus(json.withStatus(PodStatus.builder().phase("Running").build()));
        assertEquals("Running", running.status().phase());

        pods.bind(Binding.of("default", "crud", "node-a"));
        assertEquals("node-a", pods.get("default", "crud").spec().nodeName());

        pods.delete("default", "crud", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        assertThrows(NotFoundException.class, () -> pods.get("default", "crud"));
        InvalidException invalid = assertThrows(InvalidException.class, () -> pods.create(pod("Bad_Name", Map.of())));
        assertFalse(invalid.causes().isEmpty(), invalid.getMessage());
    }

    @Test
    void listsWithSelectorsAndPages() {
        ResourceClient<Pod> pods = client.pods();
        for (int i = 0; i < 5; i++) {
            pods.create(pod("page-" + i, Map.of("group", "paging", "parity", i % 2 == 0 ? "even" : "odd")));
        }
        ObjectList<Pod> first = pods.list("default", ListOptions.all().withLabelSelector("group=paging").withLimit(2));
        assertEquals(2, first.items().size());
        assertNotNull(first.metadata().continueToken());
        ObjectList<Pod> all = pods.listAll("default", ListOptions.all().withLabelSelector("group=paging")
                .withLimit(2));
        assertEquals(5, all.items().size());
        ObjectList<Pod> even = pods.list("default", ListOptions.all().withLabelSelector("group=paging,parity=even"));
        assertEquals(3, even.items().size());
        ObjectList<Pod> byName = pods.list("default", ListOptions.all().withFieldSelector("metadata.name=page-3"));
        assertEquals(List.of("page-3"), byName.items().stream().map(p -> p.metadata().name())
                .collect(Collectors.toList()));
    }

    @Test
    void scaleSubresourceOfADeployment() throws Exception {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: scaled, namespace: default}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: scaled}}
                  template:
                    metadata: {labels: {app: scaled}}
                    spec: {containers: [{name: main, image: busybox}]}
                """;
        Deployment d = client.codec().decodeYaml(yaml, Deployment.class);
        client.deployments().create(d);
        Scale scale = client.deployments().getScale("default", "scaled");
        assertEquals(1, scale.spec().replicas());
        client.deployments().updateScale(scale.withSpec(new dev.keel.api.apps.ScaleSpec(3, Map.of())));
        assertEquals(3, client.deployments().get("default", "scaled").spec().replicas());
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        ClientConfig wrong = client.config().withBearerToken("not-the-token");
        try (KubeClient c = KubeClient.create(wrong)) {
            assertThrows(UnauthorizedException.class, () -> c.pods().list("default", ListOptions.all()));
        }
    }

    @Test
    void aServerCertificateFromAnotherAuthorityIsRefusedWithTheReason() throws Exception {
        CertificateAuthority other = CertificateAuthority.create(Clock.systemUTC(), new SecureRandom());
        ClientConfig wrong = client.config().withCertificateAuthorityPem(Pem.certificate(other.certificate()));
        try (KubeClient c = KubeClient.create(wrong)) {
            TransientException e = assertThrows(TransientException.class, () -> c.pods().get("default", "x"));
            assertTrue(e.getMessage().contains("PKIX"), e.getMessage());
            RecordingEnd end = new RecordingEnd();
            c.pods().watch("default", WatchOptions.from(null), end);
            WatchEnd.Failed failed = (WatchEnd.Failed) end.ended.poll(20, TimeUnit.SECONDS);
            assertNotNull(failed, "the watch ends");
            assertTrue(failed.cause().getMessage().contains("PKIX"), failed.cause().getMessage());
        }
    }

    /** A watch listener that keeps how the stream ended. */
    private static final class RecordingEnd implements WatchListener<Pod> {
        final LinkedBlockingQueue<WatchEnd> ended = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(dev.keel.api.meta.WatchEvent<Pod> event) {
        }

        @Override
        public void onClose(WatchEnd end) {
            ended.add(end);
        }
    }

    @Test
    void informerFollowsChanges() throws Exception {
        ResourceClient<Pod> pods = client.pods();
        pods.create(pod("inf-a", Map.of("group", "inf")));
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (InformerFactory factory = new InformerFactory(client, InformerConfig.defaults())) {
            Informer<Pod> inf = factory.informer(Kinds.PODS,
                    InformerConfig.defaults().withSelectors("group=inf", null));
            inf.addIndexer(Indexers.NODE_NAME, Indexers.nodeName());
            inf.addEventHandler(new EventHandler<>() {
                @Override
                public void onAdd(Pod p) {
                    events.add("ADD " + p.metadata().name());
                }

                @Override
                public void onUpdate(Pod old, Pod now) {
                    events.add("UPDATE " + now.metadata().name());
                }

                @Override
                public void onDelete(Pod p) {
                    events.add("DELETE " + p.metadata().name());
                }
            });
            factory.start();
            assertTrue(factory.awaitSynced(WAIT));
            assertEquals("ADD inf-a", events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

            pods.create(pod("inf-b", Map.of("group", "inf")));
            pods.bind(Binding.of("default", "inf-b", "node-x"));
            pods.delete("default", "inf-a", DeleteOptions.defaults().withGracePeriodSeconds(0L));
            List<String> seen = new ArrayList<>();
            while (seen.size() < 3 || !seen.contains("DELETE inf-a")) {
                String e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(e, "events so far: " + seen);
                seen.add(e);
            }
            assertEquals("ADD inf-b", seen.get(0));
            assertEquals(List.of("inf-b"), inf.cache().byIndex(Indexers.NODE_NAME, "node-x").stream()
                    .map(p -> p.metadata().name()).collect(Collectors.toList()));
        }
    }
}
