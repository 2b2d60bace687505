package dev.keel.api.validation;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentSpec;
import dev.keel.api.apps.DeploymentStrategy;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.apps.RollingUpdateDeployment;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSpec;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.core.Probe;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.quantity.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    private static final Map<String, String> APP = Map.of("app", "web");

    static Pod pod(UnaryOperator<PodSpec.Builder> spec) {
        return Pod.of(ObjectMeta.of("default", "web-1"),
                spec.apply(PodSpec.builder().containers(List.of(Container.of("c", "nginx")))).build());
    }

    static Pod podWithContainer(UnaryOperator<Container.Builder> c) {
        return pod(s -> s.containers(List.of(c.apply(Container.of("c", "nginx").toBuilder()).build())));
    }

    static Pod named(String name) {
        return Pod.of(ObjectMeta.of("default", name), PodSpec.builder().containers(List.of(Container.of("c", "i"))).build());
    }

    static Deployment deployment(UnaryOperator<DeploymentSpec.Builder> spec) {
        return Deployment.of(ObjectMeta.of("default", "web"), spec.apply(DeploymentSpec.builder()
                .selector(LabelSelector.matching(APP))
                .template(PodTemplateSpec.of(ObjectMeta.builder().labels(APP).build(),
                        PodSpec.builder().containers(List.of(Container.of("c", "nginx"))).build()))).build());
    }

    static Service service(List<ServicePort> ports, String type) {
        return Service.of(ObjectMeta.of("default", "web"), ServiceSpec.builder().ports(ports).type(type).selector(APP).build());
    }

    static Probe probe(UnaryOperator<Probe.Builder> p) {
        return p.apply(Probe.builder()).build();
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                Arguments.of("pod name with upper case and underscore", named("Bad_Name"), "metadata.name",
                        ErrorType.INVALID, "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of"),
                Arguments.of("pod name too long", named("a".repeat(254)), "metadata.name", ErrorType.INVALID,
                        "must be no more than 253 characters"),
                Arguments.of("pod without name or generateName", Pod.of(ObjectMeta.of("default", null),
                        PodSpec.builder().containers(List.of(Container.of("c", "i"))).build()), "metadata.name",
                        ErrorType.REQUIRED, "Required value: name or generateName is required"),
                Arguments.of("pod without namespace", Pod.of(ObjectMeta.of(null, "p"),
                        PodSpec.builder().containers(List.of(Container.of("c", "i"))).build()), "metadata.namespace",
                        ErrorType.REQUIRED, "Required value"),
                Arguments.of("namespace with a namespace", Namespace.of("ns").withMetadata(ObjectMeta.of("x", "ns")),
                        "metadata.namespace", ErrorType.FORBIDDEN, "Forbidden: not allowed on this type"),
                Arguments.of("namespace name with a dot", Namespace.of("a.b"), "metadata.name", ErrorType.INVALID,
                        "RFC 1123 label"),
                Arguments.of("bad label key", Pod.of(ObjectMeta.builder().namespace("d").name("p")
                                .labels(Map.of("-x", "v")).build(), pod(s -> s).spec()), "metadata.labels",
                        ErrorType.INVALID, "name part must consist of alphanumeric characters"),
                Arguments.of("bad label value", Pod.of(ObjectMeta.builder().namespace("d").name("p")
                                .labels(Map.of("k", "v v")).build(), pod(s -> s).spec()), "metadata.labels[k]",
                        ErrorType.INVALID, "a valid label must be an empty string"),
                Arguments.of("pod without containers", pod(s -> s.containers(List.of())), "spec.containers",
                        ErrorType.REQUIRED, "Required value"),
                Arguments.of("container without image", podWithContainer(c -> c.image(null)),
                        "spec.containers[0].image", ErrorType.REQUIRED, "Required value"),
                Arguments.of("container name not a DNS label", podWithContainer(c -> c.name("C.1")),
                        "spec.containers[0].name", ErrorType.INVALID, "RFC 1123 label"),
                Arguments.of("duplicate container names across init and app containers",
                        pod(s -> s.initContainers(List.of(Container.of("c", "busybox")))), "spec.containers[0].name",
                        ErrorType.DUPLICATE, "Duplicate value: \"c\""),
                Arguments.of("container port 0", podWithContainer(c -> c.ports(List.of(ContainerPort.of(0)))),
                        "spec.containers[0].ports[0].containerPort", ErrorType.INVALID,
                        "must be between 1 and 65535, inclusive"),
                Arguments.of("container port 65536", podWithContainer(c -> c.ports(List.of(ContainerPort.of(65536)))),
                        "spec.containers[0].ports[0].containerPort", ErrorType.INVALID, "between 1 and 65535"),
                Arguments.of("unknown protocol", podWithContainer(c -> c.ports(List.of(ContainerPort.of(80).withProtocol("HTTP")))),
                        "spec.containers[0].ports[0].protocol", ErrorType.NOT_SUPPORTED,
                        "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                Arguments.of("negative cpu request", podWithContainer(c -> c.resources(ResourceRequirements.of(
                                Map.of("cpu", Quantity.parse("-1")), Map.of()))),
                        "spec.containers[0].resources.requests[cpu]", ErrorType.INVALID, "must be greater than or equal to 0"),
                Arguments.of("request above limit", podWithContainer(c -> c.resources(ResourceRequirements.of(
                                Map.of("memory", Quantity.parse("2Gi")), Map.of("memory", Quantity.parse("1Gi"))))),
                        "spec.containers[0].resources.requests[memory]", ErrorType.INVALID,
                        "must be less than or equal to memory limit of 1Gi"),
                Arguments.of("probe without handler", podWithContainer(c -> c.livenessProbe(probe(p -> p.periodSeconds(5)))),
                        "spec.containers[0].livenessProbe", ErrorType.REQUIRED, "must specify a handler type"),
                Arguments.of("probe on port 0", podWithContainer(c -> c.readinessProbe(probe(p -> p.httpGet(
                                new HttpGetAction("/", IntOrString.of(0), null, null, List.of(), Map.of()))))),
                        "spec.containers[0].readinessProbe.httpGet.port", ErrorType.INVALID, "between 1 and 65535"),
                Arguments.of("negative probe period", podWithContainer(c -> c.startupProbe(probe(p -> p.httpGet(
                                new HttpGetAction("/", IntOrString.of("http"), null, null, List.of(), Map.of())).periodSeconds(-1)))),
                        "spec.containers[0].startupProbe.periodSeconds", ErrorType.INVALID, "greater than or equal to 0"),
                Arguments.of("unknown restart policy", pod(s -> s.restartPolicy("Sometimes")), "spec.restartPolicy",
                        ErrorType.NOT_SUPPORTED, "supported values: \"Always\", \"OnFailure\", \"Never\""),
                Arguments.of("toleration with Exists and a value", pod(s -> s.tolerations(List.of(
                                new Toleration("k", "Exists", "v", "NoSchedule", null, Map.of())))),
                        "spec.tolerations[0].operator", ErrorType.INVALID, "value must be empty"),
                Arguments.of("service port out of range", service(List.of(ServicePort.of(70000, null)), null),
                        "spec.ports[0].port", ErrorType.INVALID, "between 1 and 65535"),
                Arguments.of("service type unknown", service(List.of(ServicePort.of(80, null)), "Magic"),
                        "spec.type", ErrorType.NOT_SUPPORTED, "\"ClusterIP\""),
                Arguments.of("service without ports", service(List.of(), "ClusterIP"), "spec.ports",
                        ErrorType.REQUIRED, "Required value"),
                Arguments.of("service name must be a DNS-1035 label",
                        Service.of(ObjectMeta.of("default", "1web"), service(List.of(ServicePort.of(80, null)), null).spec()),
                        "metadata.name", ErrorType.INVALID, "DNS-1035 label"),
                Arguments.of("deployment selector does not match template labels",
                        deployment(s -> s.selector(LabelSelector.matching(Map.of("app", "db")))),
                        "spec.template.metadata.labels", ErrorType.INVALID, "`selector` does not match template `labels`"),
                Arguments.of("deployment without selector", deployment(s -> s.selector(null)), "spec.selector",
                        ErrorType.REQUIRED, "Required value"),
                Arguments.of("deployment with empty selector", deployment(s -> s.selector(LabelSelector.matching(Map.of()))),
                        "spec.selector", ErrorType.INVALID, "empty selector is invalid for deployment"),
                Arguments.of("negative replicas", deployment(s -> s.replicas(-1)), "spec.replicas", ErrorType.INVALID,
                        "greater than or equal to 0"),
                Arguments.of("template restartPolicy Never", deployment(s -> s.template(PodTemplateSpec.of(
                                ObjectMeta.builder().labels(APP).build(), PodSpec.builder()
                                        .containers(List.of(Container.of("c", "i"))).restartPolicy("Never").build()))),
                        "spec.template.spec.restartPolicy", ErrorType.NOT_SUPPORTED, "supported values: \"Always\""),
                Arguments.of("maxSurge and maxUnavailable both zero", deployment(s -> s.strategy(new DeploymentStrategy(
                                "RollingUpdate", new RollingUpdateDeployment(IntOrString.of(0), IntOrString.of("0%"), Map.of()),
                                Map.of()))),
                        "spec.strategy.rollingUpdate.maxUnavailable", ErrorType.INVALID, "may not be 0 when `maxSurge` is 0"),
                Arguments.of("maxSurge not a percentage", deployment(s -> s.strategy(new DeploymentStrategy(
                                "RollingUpdate", new RollingUpdateDeployment(null, IntOrString.of("lots"), Map.of()), Map.of()))),
                        "spec.strategy.rollingUpdate.maxSurge", ErrorType.INVALID, "a valid percent string"),
                Arguments.of("replicaset template container invalid", ReplicaSet.of(ObjectMeta.of("default", "rs"),
                                new ReplicaSetSpec(1, null, LabelSelector.matching(APP), PodTemplateSpec.of(
                                        ObjectMeta.builder().labels(APP).build(),
                                        PodSpec.builder().containers(List.of(Container.of("c", null))).build()), Map.of())),
                        "spec.template.spec.containers[0].image", ErrorType.REQUIRED, "Required value"),
                Arguments.of("node taint with bad effect", Node.of(ObjectMeta.of(null, "n1"),
                                NodeSpec.EMPTY.withTaints(List.of(Taint.of("k", "v", "Sometimes"))), null),
                        "spec.taints[0].effect", ErrorType.NOT_SUPPORTED, "\"NoSchedule\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void reportsTheFieldTypeAndMessage(String name, KubeObject object, String field, ErrorType type, String message) {
        List<FieldError> errors = Validation.validate(Defaults.apply(object));
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(field) && e.type() == type
                        && e.message().contains(message)),
                () -> "expected " + type + " at " + field + " containing '" + message + "', got " + errors);
    }

    static Stream<Arguments> validObjects() {
        return Stream.of(
                Arguments.of("minimal pod", pod(s -> s)),
                Arguments.of("pod with ports, probes and resources", podWithContainer(c -> c
                        .ports(List.of(new ContainerPort("http", null, 8080, "TCP", null, Map.of())))
                        .resources(ResourceRequirements.of(Map.of("cpu", Quantity.parse("250m")),
                                Map.of("cpu", Quantity.parse("1"), "memory", Quantity.parse("128Mi"))))
                        .livenessProbe(probe(p -> p.httpGet(new HttpGetAction("/", IntOrString.of("http"), null, null,
                                List.of(), Map.of())))))),
                Arguments.of("generateName instead of name", Pod.of(ObjectMeta.builder().namespace("d")
                        .generateName("web-").build(), pod(s -> s).spec())),
                Arguments.of("deployment", deployment(s -> s)),
                Arguments.of("service with named target port", service(List.of(ServicePort.of(80, IntOrString.of("http"))), null)),
                Arguments.of("namespace", Namespace.of("bars")),
                Arguments.of("node", Node.of(ObjectMeta.of(null, "n1.example.com"), null, null)));
    }

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("validObjects")
    void validObjectsHaveNoErrors(String name, KubeObject object) {
        assertEquals(List.of(), Validation.validate(Defaults.apply(object)));
    }

    @Test
    void defaultsFillWhatKubernetesFills() {
        Pod pod = Defaults.apply(podWithContainer(c -> c.ports(List.of(ContainerPort.of(80)))
                .resources(ResourceRequirements.of(Map.of(), Map.of("cpu", Quantity.parse("1"))))
                .readinessProbe(probe(p -> p.httpGet(new HttpGetAction(null, IntOrString.of(80), null, null, List.of(), Map.of()))))));
        PodSpec s = pod.spec();
        assertEquals("Always", s.restartPolicy());
        assertEquals(30L, s.terminationGracePeriodSeconds());
        assertEquals("ClusterFirst", s.dnsPolicy());
        assertEquals("default-scheduler", s.schedulerName());
        Container c = s.containers().get(0);
        assertEquals("Always", c.imagePullPolicy(), "untagged image");
        assertEquals("TCP", c.ports().get(0).protocol());
        assertEquals(Quantity.parse("1"), c.resources().requests().get("cpu"), "requests default to limits");
        assertEquals("HTTP", c.readinessProbe().httpGet().scheme());
        assertEquals("/", c.readinessProbe().httpGet().path());
        assertEquals(1, c.readinessProbe().timeoutSeconds());
        assertEquals(10, c.readinessProbe().periodSeconds());
        assertEquals(3, c.readinessProbe().failureThreshold());
        assertEquals(pod, Defaults.apply(pod), "idempotent");
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertEquals("Always", PodDefaults.pullPolicy("nginx"));
        assertEquals("Always", PodDefaults.pullPolicy("nginx:latest"));
        assertEquals("IfNotPresent", PodDefaults.pullPolicy("nginx:1.27"));
        assertEquals("Always", PodDefaults.pullPolicy("registry:5000/nginx"));
        assertEquals("IfNotPresent", PodDefaults.pullPolicy("nginx@sha256:abc"));
    }

    @Test
    void workloadAndServiceDefaults() {
        Deployment d = Defaults.apply(deployment(s -> s));
        assertEquals(1, d.spec().replicas());
        assertEquals("RollingUpdate", d.spec().strategy().type());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxSurge());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxUnavailable());
        assertEquals(10, d.spec().revisionHistoryLimit());
        assertEquals(600, d.spec().progressDeadlineSeconds());
        assertEquals("Always", d.spec().template().spec().restartPolicy());

        ReplicaSet rs = Defaults.apply(ReplicaSet.of(ObjectMeta.of("d", "rs"), ReplicaSetSpec.EMPTY));
        assertEquals(1, rs.spec().replicas());

        Service svc = Defaults.apply(service(List.of(ServicePort.of(80, null)), null));
        assertEquals("ClusterIP", svc.spec().type());
        assertEquals("TCP", svc.spec().ports().get(0).protocol());
        assertEquals(IntOrString.of(80), svc.spec().ports().get(0).targetPort());
        assertEquals("Active", Defaults.apply(Namespace.of("x")).status().phase());
    }

    @Test
    void percentagesResolveLikeTheDeploymentController() {
        assertEquals(3, IntOrString.of("25%").scaledValue(10, true));
        assertEquals(2, IntOrString.of("25%").scaledValue(10, false));
        assertEquals(4, IntOrString.of(4).scaledValue(10, false));
    }
}
