package dev.keel.controllers.endpoints;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.ObjectReference;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.meta.IntOrString;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The subsets of a Service's Endpoints, computed from its selected pods as Kubernetes' endpoints controller does.
 *
 * <p>A pod counts when it has a {@code status.podIP}, is not terminal (Succeeded/Failed) and is not being deleted.
 * It is a ready address when its Ready condition is True (or the service sets {@code publishNotReadyAddresses}),
 * otherwise a not-ready address. Each service port maps to a pod port: a numeric {@code targetPort} as is, a named
 * one resolved against the pod's container ports (a pod without that name gets no address for that port), none:
 * the service port. Addresses with the same ports form one subset ("repacking"). Example: service ports
 * {@code http->web, metrics->9090}, pod a (ready, web=8080), pod b (not ready, web=8081): subsets
 * {@code [{addresses:[a], ports:[http:8080, metrics:9090]}, {notReadyAddresses:[b], ports:[http:8081,
 * metrics:9090]}]}. Output is sorted (subsets by ports, addresses by IP), so equal inputs give equal Endpoints.
 */
final class EndpointSubsets {
    private EndpointSubsets() {
    }

    static List<EndpointSubset> of(Service service, List<Pod> selectedPods) {
        boolean publishNotReady = service.spec().unknownFields().containsKey("publishNotReadyAddresses")
                && service.spec().unknownFields().get("publishNotReadyAddresses").asBoolean(false);
        Map<String, Group> groups = new TreeMap<>();
        for (Pod pod : selectedPods) {
            if (!counts(pod)) {
                continue;
            }
            List<EndpointPort> ports = ports(service, pod);
            if (ports.isEmpty() && !service.spec().ports().isEmpty()) {
                continue; // no service port resolves on this pod
            }
            Group g = groups.computeIfAbsent(signature(ports), k -> new Group(ports));
            EndpointAddress address = address(pod);
            if (publishNotReady || isReady(pod)) {
                g.ready.add(address);
            } else {
                g.notReady.add(address);
            }
        }
        List<EndpointSubset> out = new ArrayList<>();
        Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::ip)
                .thenComparing(a -> a.targetRef() == null ? "" : a.targetRef().name());
        for (Group g : groups.values()) {
            g.ready.sort(byIp);
            g.notReady.sort(byIp);
            out.add(new EndpointSubset(g.ready, g.notReady, g.ports, Map.of()));
        }
        return out;
    }

    /** Whether {@code pod} belongs in Endpoints at all. */
    static boolean counts(Pod pod) {
        String phase = pod.status().phase();
        return pod.status().podIP() != null && !pod.status().podIP().isEmpty()
                && pod.metadata().deletionTimestamp() == null
                && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean isReady(Pod pod) {
        return pod.status().conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && c.isTrue());
    }

    private static List<EndpointPort> ports(Service service, Pod pod) {
        List<EndpointPort> out = new ArrayList<>();
        for (ServicePort sp : service.spec().ports()) {
            OptionalInt port = targetPort(sp, pod);
            if (port.isPresent()) {
                String protocol = sp.protocol() == null ? "TCP" : sp.protocol();
                out.add(new EndpointPort(sp.name(), port.getAsInt(), protocol, Map.of()));
            }
        }
        out.sort(Comparator.comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
                .thenComparing(EndpointPort::port));
        return out;
    }

    /** The pod's port for a service port: numeric as is, named by the pod's container ports, default the port. */
    static OptionalInt targetPort(ServicePort sp, Pod pod) {
        IntOrString target = sp.targetPort();
        if (target == null) {
            return sp.port() == null ? OptionalInt.empty() : OptionalInt.of(sp.port());
        }
        if (target instanceof IntOrString.Int i) {
            return OptionalInt.of(i.value());
        }
        String name = ((IntOrString.Str) target).value();
        String protocol = sp.protocol() == null ? "TCP" : sp.protocol();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort cp : c.ports()) {
                String cpProtocol = cp.protocol() == null ? "TCP" : cp.protocol();
                if (name.equals(cp.name()) && protocol.equals(cpProtocol) && cp.containerPort() != null) {
                    return OptionalInt.of(cp.containerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    private static EndpointAddress address(Pod pod) {
        ObjectReference ref = new ObjectReference(null, "Pod", pod.metadata().namespace(), pod.metadata().name(),
                pod.metadata().uid(), null, null, Map.of());
        return new EndpointAddress(pod.status().podIP(), null, pod.spec().nodeName(), ref, Map.of());
    }

    private static String signature(List<EndpointPort> ports) {
        StringBuilder sb = new StringBuilder();
        for (EndpointPort p : ports) {
            sb.append(Optional.ofNullable(p.name()).orElse("")).append('/').append(p.protocol()).append('/')
                    .append(p.port()).append(';');
        }
        return sb.toString();
    }

    /** Addresses sharing one port set. */
    private static final class Group {
        final List<EndpointPort> ports;
        final List<EndpointAddress> ready = new ArrayList<>();
        final List<EndpointAddress> notReady = new ArrayList<>();

        Group(List<EndpointPort> ports) {
            this.ports = ports;
        }
    }
}
