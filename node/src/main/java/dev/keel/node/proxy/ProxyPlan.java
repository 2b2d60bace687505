package dev.keel.node.proxy;

import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The listeners one Service should have on this node (a pure function of the Service, its Endpoints and the
 * node's address):
 * <ul>
 *   <li>{@code spec.clusterIP:port} for each TCP port, when clusterIP is set and not {@code None};</li>
 *   <li>{@code nodeAddress:nodePort} for each TCP port with a nodePort, when type is NodePort or LoadBalancer;</li>
 *   <li>nothing for ExternalName services, headless services without nodePorts, and UDP/SCTP ports.</li>
 * </ul>
 * Backends of a service port are the ready addresses of every Endpoints subset that has a port of the same
 * name (unnamed matches unnamed), with that endpoint port: the endpoints controller has already resolved
 * {@code targetPort} (numbers and container port names) into it.
 *
 * <p>Example: Service web (clusterIP 127.96.0.7, type NodePort, port http 80 -> nodePort 30080) with Endpoints
 * [10.0.0.1, 10.0.0.2] x [http 8080] on node 192.168.1.5 gives {127.96.0.7:80, 192.168.1.5:30080}, both to
 * [10.0.0.1:8080, 10.0.0.2:8080].
 */
final class ProxyPlan {
    private ProxyPlan() {
    }

    static Map<ListenAddress, ListenerSpec> of(Service service, Optional<Endpoints> endpoints, String nodeAddress) {
        Map<ListenAddress, ListenerSpec> out = new TreeMap<>();
        ServiceSpec spec = service.spec();
        String type = spec.type() == null ? "ClusterIP" : spec.type();
        if (type.equals("ExternalName")) {
            return out;
        }
        String clusterIP = spec.clusterIP();
        boolean hasClusterIP = clusterIP != null && !clusterIP.isEmpty() && !clusterIP.equals("None");
        boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
        String key = service.metadata().key();
        for (ServicePort sp : spec.ports()) {
            if (!isTcp(sp.protocol()) || sp.port() == null) {
                continue;
            }
            String name = nameOf(sp.name());
            ListenerSpec target = new ListenerSpec(key, name, backends(endpoints, name));
            if (hasClusterIP) {
                out.put(new ListenAddress(clusterIP, sp.port()), target);
            }
            if (nodePorts && sp.nodePort() != null && sp.nodePort() > 0) {
                out.put(new ListenAddress(nodeAddress, sp.nodePort()), target);
            }
        }
        return out;
    }

    static List<InetSocketAddress> backends(Optional<Endpoints> endpoints, String portName) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (endpoints.isEmpty()) {
            return out;
        }
        for (EndpointSubset subset : endpoints.get().subsets()) {
            for (EndpointPort ep : subset.ports()) {
                if (!nameOf(ep.name()).equals(portName) || !isTcp(ep.protocol()) || ep.port() == null) {
                    continue;
                }
                for (EndpointAddress a : subset.addresses()) {
                    if (a.ip() != null && !a.ip().isEmpty()) {
                        out.add(InetSocketAddress.createUnresolved(a.ip(), ep.port()));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(InetSocketAddress::getHostString).thenComparingInt(InetSocketAddress::getPort));
        return out.stream().distinct().map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList();
    }

    private static boolean isTcp(String protocol) {
        return protocol == null || protocol.isEmpty() || protocol.equals("TCP");
    }

    private static String nameOf(String n) {
        return n == null ? "" : n;
    }
}
