package dev.keel.controllers.testing;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodStatus;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short builders for test objects. */
public final class Objects {
    private Objects() {
    }

    public static Namespace namespace(String name) {
        return Namespace.of(name);
    }

    /** A pod with one container listening on {@code ports} (name=number pairs, e.g. "web", 8080). */
    public static Pod pod(String ns, String name, Map<String, String> labels, String nodeName, Object... ports) {
        List<ContainerPort> cps = new ArrayList<>();
        for (int i = 0; i < ports.length; i += 2) {
            cps.add(new ContainerPort((String) ports[i], null, (Integer) ports[i + 1], null, null, Map.of()));
        }
        Container c = Container.builder().name("c").image("x").ports(cps).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(nodeName).build();
        return Pod.of(ObjectMeta.builder().namespace(ns).name(name).labels(labels).build(), spec);
    }

    /** {@code pod} with status Running, {@code ip} and Ready {@code ready}. */
    public static Pod running(Pod pod, String ip, boolean ready) {
        PodStatus s = pod.status().toBuilder().phase("Running").podIP(ip)
                .conditions(List.of(Condition.of("Ready", ready, Instant.now(), null, null))).build();
        return pod.withStatus(s);
    }

    public static Service service(String ns, String name, Map<String, String> selector, ServicePort... ports) {
        ServiceSpec spec = ServiceSpec.builder().selector(selector).ports(List.of(ports)).build();
        return Service.of(ObjectMeta.builder().namespace(ns).name(name).build(), spec);
    }

    public static ServicePort port(String name, int port, Object target) {
        IntOrString t = target == null ? null : target instanceof Integer i ? IntOrString.of(i)
                : IntOrString.of((String) target);
        return new ServicePort(name, "TCP", port, t, null, Map.of());
    }

    /** A reference to {@code owner}; {@code block} sets blockOwnerDeletion. */
    public static OwnerReference ownerRef(KubeObject owner, boolean block) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(),
                null, block, Map.of());
    }
}
