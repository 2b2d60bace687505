package dev.keel.node;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Container;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.apiserver.TestCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A real control plane for node tests: a 1-replica store + apiserver, a kubeconfig file and a client. */
final class Cluster implements AutoCloseable {
    final TestCluster cluster;
    final Path kubeconfig;
    final KubeClient client;

    private Cluster(TestCluster cluster, Path kubeconfig, KubeClient client) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    static Cluster start(Path dir) {
        TestCluster c = TestCluster.start(dir.resolve("cluster"), 1);
        try {
            Path kubeconfig = dir.resolve("kubeconfig");
            dev.keel.apiserver.kubeconfig.Kubeconfig.write(kubeconfig, dev.keel.apiserver.kubeconfig.Kubeconfig.render(
                    c.httpsUrl(), Files.readString(c.apiserver().caCertificateFile()), c.apiserver().adminToken()));
            return new Cluster(c, kubeconfig, KubeClient.create(Kubeconfig.load(kubeconfig)));
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException(e);
        }
    }

    void namespace(String ns) {
        client.resource(Kinds.NAMESPACES).create(Namespace.of(ns));
    }

    /** Creates a pod running {@code command} and binds it to {@code node} (there is no scheduler here). */
    Pod run(String ns, String name, String node, String restartPolicy, String... command) {
        Container c = Container.builder().name("main").image("busybox").command(List.of(command)).build();
        return run(ns, name, node, PodSpec.builder().containers(List.of(c)).restartPolicy(restartPolicy)
                .terminationGracePeriodSeconds(2L).build());
    }

    Pod run(String ns, String name, String node, PodSpec spec) {
        Pod created = client.pods().create(Pod.of(ObjectMeta.of(ns, name), spec));
        client.pods().bind(Binding.of(ns, name, node));
        return created;
    }

    Optional<Pod> pod(String ns, String name) {
        try {
            return Optional.of(client.pods().get(ns, name));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
        cluster.close();
    }
}
