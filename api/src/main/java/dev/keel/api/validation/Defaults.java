package dev.keel.api.validation;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentSpec;
import dev.keel.api.apps.DeploymentStrategy;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.apps.RollingUpdateDeployment;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.NamespaceStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.KubeObject;

import java.util.Map;

import static dev.keel.api.validation.PodDefaults.or;

/**
 * Kubernetes' defaulting, applied by the apiserver before validation on create and update: restartPolicy Always,
 * terminationGracePeriodSeconds 30, dnsPolicy ClusterFirst, schedulerName default-scheduler, imagePullPolicy (by
 * tag), port protocol TCP, probe timings, requests from limits; replicas 1, strategy RollingUpdate 25%/25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600; service type ClusterIP, sessionAffinity None,
 * targetPort = port; namespace phase Active. Idempotent: applying twice equals applying once.
 */
public final class Defaults {
    static final IntOrString QUARTER = IntOrString.of("25%");

    private Defaults() {
    }

    /** {@code o} with every unset defaultable field filled; kinds without defaults come back unchanged. */
    @SuppressWarnings("unchecked")
    public static <T extends KubeObject> T apply(T o) {
        if (o instanceof Pod p) {
            return (T) p.withSpec(PodDefaults.apply(p.spec()));
        }
        if (o instanceof ReplicaSet rs) {
            ReplicaSetSpec s = rs.spec();
            return (T) rs.withSpec(new ReplicaSetSpec(or(s.replicas(), 1), s.minReadySeconds(), s.selector(),
                    template(s.template()), s.unknownFields()));
        }
        if (o instanceof Deployment d) {
            return (T) d.withSpec(deployment(d.spec()));
        }
        if (o instanceof Service svc) {
            return (T) svc.withSpec(service(svc.spec()));
        }
        if (o instanceof Namespace ns && ns.status().phase() == null) {
            return (T) ns.withStatus(new NamespaceStatus("Active", ns.status().conditions(), ns.status().unknownFields()));
        }
        if (o instanceof Endpoints e) {
            return (T) e.withSubsets(e.subsets().stream().map(s -> new EndpointSubset(s.addresses(),
                    s.notReadyAddresses(), s.ports().stream().map(p -> new EndpointPort(p.name(), p.port(),
                    or(p.protocol(), "TCP"), p.unknownFields())).toList(), s.unknownFields())).toList());
        }
        return o;
    }

    private static PodTemplateSpec template(PodTemplateSpec t) {
        return t.withSpec(PodDefaults.apply(t.spec()));
    }

    private static DeploymentSpec deployment(DeploymentSpec s) {
        DeploymentStrategy strategy = s.strategy();
        if (strategy == null || strategy.type() == null) {
            strategy = new DeploymentStrategy("RollingUpdate", strategy == null ? null : strategy.rollingUpdate(),
                    strategy == null ? Map.of() : strategy.unknownFields());
        }
        if (strategy.type().equals("RollingUpdate")) {
            RollingUpdateDeployment ru = strategy.rollingUpdate();
            ru = ru == null
                    ? new RollingUpdateDeployment(QUARTER, QUARTER, Map.of())
                    : new RollingUpdateDeployment(or(ru.maxUnavailable(), QUARTER), or(ru.maxSurge(), QUARTER),
                    ru.unknownFields());
            strategy = new DeploymentStrategy(strategy.type(), ru, strategy.unknownFields());
        }
        return s.toBuilder()
                .replicas(or(s.replicas(), 1))
                .strategy(strategy)
                .revisionHistoryLimit(or(s.revisionHistoryLimit(), 10))
                .progressDeadlineSeconds(or(s.progressDeadlineSeconds(), 600))
                .template(template(s.template()))
                .build();
    }

    private static ServiceSpec service(ServiceSpec s) {
        return s.toBuilder()
                .type(or(s.type(), "ClusterIP"))
                .sessionAffinity(or(s.sessionAffinity(), "None"))
                .ports(s.ports().stream().map(p -> new ServicePort(p.name(), or(p.protocol(), "TCP"), p.port(),
                        p.targetPort() == null && p.port() != null ? IntOrString.of(p.port()) : p.targetPort(),
                        p.nodePort(), p.unknownFields())).toList())
                .build();
    }
}
