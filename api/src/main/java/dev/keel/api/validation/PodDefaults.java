package dev.keel.api.validation;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.Probe;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.quantity.Quantity;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes' defaults for pod specs (of pods and of pod templates). */
final class PodDefaults {
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String DEFAULT_SCHEDULER = "default-scheduler";

    private PodDefaults() {
    }

    static PodSpec apply(PodSpec s) {
        boolean hostNetwork = Boolean.TRUE.equals(s.hostNetwork());
        return s.toBuilder()
                .restartPolicy(or(s.restartPolicy(), "Always"))
                .terminationGracePeriodSeconds(s.terminationGracePeriodSeconds() == null
                        ? TERMINATION_GRACE_PERIOD_SECONDS : s.terminationGracePeriodSeconds())
                .dnsPolicy(or(s.dnsPolicy(), "ClusterFirst"))
                .schedulerName(or(s.schedulerName(), DEFAULT_SCHEDULER))
                .containers(s.containers().stream().map(c -> container(c, hostNetwork)).toList())
                .initContainers(s.initContainers().stream().map(c -> container(c, hostNetwork)).toList())
                .build();
    }

    static Container container(Container c, boolean hostNetwork) {
        return c.toBuilder()
                .imagePullPolicy(c.imagePullPolicy() != null ? c.imagePullPolicy() : pullPolicy(c.image()))
                .terminationMessagePath(or(c.terminationMessagePath(), "/dev/termination-log"))
                .terminationMessagePolicy(or(c.terminationMessagePolicy(), "File"))
                .ports(c.ports().stream().map(p -> port(p, hostNetwork)).toList())
                .resources(resources(c.resources()))
                .livenessProbe(probe(c.livenessProbe()))
                .readinessProbe(probe(c.readinessProbe()))
                .startupProbe(probe(c.startupProbe()))
                .build();
    }

    /** Always for {@code :latest} or an untagged image, IfNotPresent for a tag or a digest. */
    static String pullPolicy(String image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 || last.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static ContainerPort port(ContainerPort p, boolean hostNetwork) {
        Integer hostPort = hostNetwork && p.hostPort() == null ? p.containerPort() : p.hostPort();
        return new ContainerPort(p.name(), hostPort, p.containerPort(), or(p.protocol(), "TCP"), p.hostIP(),
                p.unknownFields());
    }

    /** Requests not given default to the limits, as in Kubernetes. */
    private static ResourceRequirements resources(ResourceRequirements r) {
        if (r.limits().isEmpty()) {
            return r;
        }
        Map<String, Quantity> requests = new LinkedHashMap<>(r.requests());
        r.limits().forEach(requests::putIfAbsent);
        return r.withRequests(requests);
    }

    private static Probe probe(Probe p) {
        if (p == null) {
            return null;
        }
        HttpGetAction http = p.httpGet();
        if (http != null) {
            http = new HttpGetAction(or(http.path(), "/"), http.port(), http.host(), or(http.scheme(), "HTTP"),
                    http.httpHeaders(), http.unknownFields());
        }
        return p.toBuilder()
                .httpGet(http)
                .timeoutSeconds(p.timeoutSeconds() == null ? 1 : p.timeoutSeconds())
                .periodSeconds(p.periodSeconds() == null ? 10 : p.periodSeconds())
                .successThreshold(p.successThreshold() == null ? 1 : p.successThreshold())
                .failureThreshold(p.failureThreshold() == null ? 3 : p.failureThreshold())
                .build();
    }

    static <T> T or(T v, T dflt) {
        return v == null || (v instanceof String s && s.isEmpty()) ? dflt : v;
    }
}
