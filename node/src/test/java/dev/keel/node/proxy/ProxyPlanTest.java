package dev.keel.node.proxy;

import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.ObjectMeta;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Which listeners a Service gets, and with which backends: a table. */
class ProxyPlanTest {
    private static final Endpoints EPS = Endpoints.of(ObjectMeta.of("ns", "web"), List.of(
            new EndpointSubset(List.of(address("10.0.0.2"), address("10.0.0.1")), List.of(address("10.0.0.9")),
                    List.of(new EndpointPort("http", 8080, "TCP", Map.of()),
                            new EndpointPort("metrics", 9090, null, Map.of())), Map.of())));

    private static EndpointAddress address(String ip) {
        return new EndpointAddress(ip, null, null, null, Map.of());
    }

    private static ServicePort port(String name, String protocol, int port, Integer nodePort) {
        return new ServicePort(name, protocol, port, IntOrString.of("ignored-by-the-proxy"), nodePort, Map.of());
    }

    private static Service svc(String type, String clusterIP, ServicePort... ports) {
        return Service.of(ObjectMeta.of("ns", "web"),
                ServiceSpec.builder().type(type).clusterIP(clusterIP).ports(List.of(ports)).build());
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("ClusterIP: clusterIP:port only", svc(null, "127.96.0.7", port("http", null, 80, null)),
                        List.of("127.96.0.7:80")),
                arguments("NodePort: clusterIP:port and node:nodePort",
                        svc("NodePort", "127.96.0.7", port("http", "TCP", 80, 30080)),
                        List.of("127.96.0.7:80", "192.168.1.5:30080")),
                arguments("LoadBalancer behaves as NodePort",
                        svc("LoadBalancer", "127.96.0.7", port("http", "TCP", 80, 30080)),
                        List.of("127.96.0.7:80", "192.168.1.5:30080")),
                arguments("no clusterIP (older objects): nothing for ClusterIP",
                        svc(null, null, port("http", null, 80, null)), List.of()),
                arguments("headless: nothing", svc(null, "None", port("http", null, 80, null)), List.of()),
                arguments("headless NodePort: node port only", svc("NodePort", "None", port("http", null, 80, 30080)),
                        List.of("192.168.1.5:30080")),
                arguments("UDP ports are not proxied",
                        svc(null, "127.96.0.7", port("http", "TCP", 80, null), port("dns", "UDP", 53, null)),
                        List.of("127.96.0.7:80")),
                arguments("ExternalName: nothing", svc("ExternalName", "127.96.0.7", port("http", null, 80, null)),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void listenersOfAService(String name, Service service, List<String> expected) {
        var plan = ProxyPlan.of(service, Optional.of(EPS), "192.168.1.5");
        assertEquals(expected, plan.keySet().stream().map(ListenAddress::toString).toList());
        plan.values().forEach(spec -> assertEquals("ns/web", spec.serviceKey()));
    }

    @ParameterizedTest(name = "service port named \"{0}\" -> {1}")
    @MethodSource("ports")
    void backendsAreTheReadyAddressesWithTheEndpointPortOfTheSameName(String portName, List<String> expected) {
        assertEquals(expected, ProxyPlan.backends(Optional.of(EPS), portName).stream()
                .map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                arguments("http", List.of("10.0.0.1:8080", "10.0.0.2:8080")),
                arguments("metrics", List.of("10.0.0.1:9090", "10.0.0.2:9090")),
                arguments("", List.of()),
                arguments("other", List.of()));
    }
}
