package dev.keel.apiserver.protobuf;

import java.util.Map;

import static dev.keel.apiserver.protobuf.Field.bool;
import static dev.keel.apiserver.protobuf.Field.integer;
import static dev.keel.apiserver.protobuf.Field.intOmitZero;
import static dev.keel.apiserver.protobuf.Field.message;
import static dev.keel.apiserver.protobuf.Field.messages;
import static dev.keel.apiserver.protobuf.Field.of;
import static dev.keel.apiserver.protobuf.Field.string;
import static dev.keel.apiserver.protobuf.Field.strings;

/**
 * The field numbers of the k8s.io/api {@code generated.proto} messages Keel decodes: what {@code kubectl create
 * namespace}, {@code create deployment} (and the typed clients' pods and services) send. Fields not listed are
 * accepted only when they hold a zero value, since Go's encoder writes some unset fields anyway.
 */
final class Schemas {
    static final Map<String, Map<Integer, Field>> MESSAGES = Map.ofEntries(
            Map.entry("ObjectMeta", Map.ofEntries(
                    Map.entry(1, string("name")), Map.entry(2, string("generateName")),
                    Map.entry(3, string("namespace")), Map.entry(5, string("uid")),
                    Map.entry(6, string("resourceVersion")), Map.entry(7, intOmitZero("generation")),
                    Map.entry(8, of("creationTimestamp", Field.Type.TIME)),
                    Map.entry(9, of("deletionTimestamp", Field.Type.TIME)),
                    Map.entry(10, integer("deletionGracePeriodSeconds")),
                    Map.entry(11, of("labels", Field.Type.STRING_MAP)),
                    Map.entry(12, of("annotations", Field.Type.STRING_MAP)),
                    Map.entry(13, messages("ownerReferences", "OwnerReference")),
                    Map.entry(14, strings("finalizers")))),
            Map.entry("OwnerReference", Map.of(1, string("kind"), 3, string("name"), 4, string("uid"),
                    5, string("apiVersion"), 6, bool("controller"), 7, bool("blockOwnerDeletion"))),
            Map.entry("Namespace", Map.of(1, message("metadata", "ObjectMeta"), 2, message("spec", "NamespaceSpec"),
                    3, message("status", "NamespaceStatus"))),
            Map.entry("NamespaceSpec", Map.of(1, strings("finalizers"))),
            Map.entry("NamespaceStatus", Map.of(1, string("phase"))),
            Map.entry("Deployment", Map.of(1, message("metadata", "ObjectMeta"), 2, message("spec", "DeploymentSpec"),
                    3, message("status", "Empty"))),
            Map.entry("DeploymentSpec", Map.of(1, integer("replicas"), 2, message("selector", "LabelSelector"),
                    3, message("template", "PodTemplateSpec"), 4, message("strategy", "DeploymentStrategy"),
                    5, intOmitZero("minReadySeconds"), 6, integer("revisionHistoryLimit"), 7, bool("paused"),
                    9, integer("progressDeadlineSeconds"))),
            Map.entry("DeploymentStrategy", Map.of(1, string("type"),
                    2, message("rollingUpdate", "RollingUpdateDeployment"))),
            Map.entry("RollingUpdateDeployment", Map.of(1, of("maxUnavailable", Field.Type.INT_OR_STRING),
                    2, of("maxSurge", Field.Type.INT_OR_STRING))),
            Map.entry("LabelSelector", Map.of(1, of("matchLabels", Field.Type.STRING_MAP),
                    2, messages("matchExpressions", "LabelSelectorRequirement"))),
            Map.entry("LabelSelectorRequirement", Map.of(1, string("key"), 2, string("operator"), 3, strings("values"))),
            Map.entry("PodTemplateSpec", Map.of(1, message("metadata", "ObjectMeta"), 2, message("spec", "PodSpec"))),
            Map.entry("Pod", Map.of(1, message("metadata", "ObjectMeta"), 2, message("spec", "PodSpec"),
                    3, message("status", "Empty"))),
            Map.entry("PodSpec", Map.ofEntries(
                    Map.entry(2, messages("containers", "Container")), Map.entry(3, string("restartPolicy")),
                    Map.entry(4, integer("terminationGracePeriodSeconds")),
                    Map.entry(5, integer("activeDeadlineSeconds")), Map.entry(6, string("dnsPolicy")),
                    Map.entry(7, of("nodeSelector", Field.Type.STRING_MAP)),
                    Map.entry(8, string("serviceAccountName")), Map.entry(10, string("nodeName")),
                    Map.entry(11, bool("hostNetwork")), Map.entry(19, string("schedulerName")),
                    Map.entry(20, messages("initContainers", "Container")))),
            Map.entry("Container", Map.ofEntries(
                    Map.entry(1, string("name")), Map.entry(2, string("image")), Map.entry(3, strings("command")),
                    Map.entry(4, strings("args")), Map.entry(5, string("workingDir")),
                    Map.entry(6, messages("ports", "ContainerPort")), Map.entry(7, messages("env", "EnvVar")),
                    Map.entry(8, message("resources", "ResourceRequirements")),
                    Map.entry(13, string("terminationMessagePath")), Map.entry(14, string("imagePullPolicy")),
                    Map.entry(20, string("terminationMessagePolicy")))),
            Map.entry("ContainerPort", Map.of(1, string("name"), 2, intOmitZero("hostPort"),
                    3, integer("containerPort"), 4, string("protocol"), 5, string("hostIP"))),
            Map.entry("EnvVar", Map.of(1, string("name"), 2, string("value"))),
            Map.entry("ResourceRequirements", Map.of(1, of("limits", Field.Type.QUANTITY_MAP),
                    2, of("requests", Field.Type.QUANTITY_MAP))),
            Map.entry("Service", Map.of(1, message("metadata", "ObjectMeta"), 2, message("spec", "ServiceSpec"),
                    3, message("status", "Empty"))),
            Map.entry("ServiceSpec", Map.of(1, messages("ports", "ServicePort"), 2, of("selector", Field.Type.STRING_MAP),
                    3, string("clusterIP"), 4, string("type"), 7, string("sessionAffinity"))),
            Map.entry("ServicePort", Map.of(1, string("name"), 2, string("protocol"), 3, integer("port"),
                    4, of("targetPort", Field.Type.INT_OR_STRING), 5, intOmitZero("nodePort"))),
            Map.entry("Empty", Map.of()));

    private Schemas() {
    }
}
