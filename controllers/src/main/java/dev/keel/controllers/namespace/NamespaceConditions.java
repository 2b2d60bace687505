package dev.keel.controllers.namespace;

import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deletion conditions Kubernetes' namespace controller writes on a terminating namespace, from a
 * {@link ContentReport}: NamespaceDeletionDiscoveryFailure and NamespaceDeletionGroupVersionParsingFailure (always
 * False: Keel's kinds are known), NamespaceDeletionContentFailure, NamespaceContentRemaining and
 * NamespaceFinalizersRemaining, with Kubernetes' reasons and messages. A condition keeps its lastTransitionTime
 * while its status does not change.
 */
final class NamespaceConditions {
    private NamespaceConditions() {
    }

    static List<Condition> of(ContentReport report, List<Condition> current, Instant now) {
        List<Condition> out = new ArrayList<>();
        out.add(keep(current, now, "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                "All resources successfully discovered"));
        out.add(keep(current, now, "NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                "All legacy kube types successfully parsed"));
        out.add(report.failures().isEmpty()
                ? keep(current, now, "NamespaceDeletionContentFailure", false, "ContentDeleted",
                        "All content successfully deleted, may be waiting on finalization")
                : keep(current, now, "NamespaceDeletionContentFailure", true, "ContentDeletionFailed",
                        "Failed to delete all resource types, " + report.failures().size()
                                + " remaining: " + String.join(", ", report.failures())));
        out.add(report.remaining().isEmpty()
                ? keep(current, now, "NamespaceContentRemaining", false, "ContentRemoved",
                        "All content successfully removed")
                : keep(current, now, "NamespaceContentRemaining", true, "SomeResourcesRemain",
                        "Some resources are remaining: " + join(report.remaining(), "has %d resource instances")));
        out.add(report.finalizers().isEmpty()
                ? keep(current, now, "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                        "All content-preserving finalizers finished")
                : keep(current, now, "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: "
                                + join(report.finalizers(), "in %d resource instances")));
        return out;
    }

    /** Same type, status, reason and message, ignoring times: no write needed. */
    static boolean sameIgnoringTime(List<Condition> a, List<Condition> b) {
        return strip(a).equals(strip(b));
    }

    private static List<String> strip(List<Condition> cs) {
        return cs.stream().map(c -> c.type() + "|" + c.status() + "|" + c.reason() + "|" + c.message()).sorted()
                .toList();
    }

    private static String join(Map<String, Integer> counts, String format) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + String.format(format, e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Condition keep(List<Condition> current, Instant now, String type, boolean status, String reason,
                                  String message) {
        String s = status ? "True" : "False";
        Instant since = current.stream().filter(c -> type.equals(c.type()) && s.equals(c.status()))
                .map(Condition::lastTransitionTime).filter(t -> t != null).findFirst().orElse(now);
        return new Condition(type, s, null, null, null, since, reason, message, Map.of());
    }
}
