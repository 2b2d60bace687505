package dev.keel.controllers.scheduler.plugins.nodeaffinity;

import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSelectorRequirement;
import dev.keel.api.core.NodeSelectorTerm;

import java.util.List;
import java.util.Map;

/**
 * Node selector terms against a node, with Kubernetes' semantics:
 * <ul>
 *   <li>a term matches when all its requirements hold; a term without requirements matches nothing;</li>
 *   <li>{@code matchExpressions} test labels: In, NotIn (also true when the label is absent), Exists,
 *       DoesNotExist, Gt and Lt (label and the single value both integers, compared numerically);</li>
 *   <li>{@code matchFields} test {@code metadata.name} with In or NotIn;</li>
 *   <li>an invalid requirement (unknown operator, In without values, Gt with two values or a non-integer...)
 *       never matches, so the term it is in never matches.</li>
 * </ul>
 */
final class NodeSelectorMatch {
    static final String NAME_FIELD = "metadata.name";

    private NodeSelectorMatch() {
    }

    /** True if any term matches. An empty list matches nothing. */
    static boolean anyTermMatches(List<NodeSelectorTerm> terms, Node node) {
        for (NodeSelectorTerm t : terms) {
            if (termMatches(t, node)) {
                return true;
            }
        }
        return false;
    }

    static boolean termMatches(NodeSelectorTerm term, Node node) {
        if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.metadata().labels();
        for (NodeSelectorRequirement r : term.matchExpressions()) {
            if (!requirementHolds(r, labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : term.matchFields()) {
            if (!fieldRequirementHolds(r, node)) {
                return false;
            }
        }
        return true;
    }

    static boolean requirementHolds(NodeSelectorRequirement r, Map<String, String> labels) {
        String key = r.key();
        List<String> values = r.values();
        if (key == null || key.isEmpty() || r.operator() == null) {
            return false;
        }
        String label = labels.get(key);
        switch (r.operator()) {
            case "In":
                return !values.isEmpty() && label != null && values.contains(label);
            case "NotIn":
                return !values.isEmpty() && (label == null || !values.contains(label));
            case "Exists":
                return values.isEmpty() && label != null;
            case "DoesNotExist":
                return values.isEmpty() && label == null;
            case "Gt":
            case "Lt":
                return compares(r.operator(), label, values);
            default:
                return false;
        }
    }

    private static boolean fieldRequirementHolds(NodeSelectorRequirement r, Node node) {
        if (!NAME_FIELD.equals(r.key()) || r.values().size() != 1) {
            return false;
        }
        String name = node.metadata().name();
        if ("In".equals(r.operator())) {
            return r.values().get(0).equals(name);
        }
        if ("NotIn".equals(r.operator())) {
            return !r.values().get(0).equals(name);
        }
        return false;
    }

    private static boolean compares(String operator, String label, List<String> values) {
        if (label == null || values.size() != 1) {
            return false;
        }
        try {
            long have = Long.parseLong(label);
            long bound = Long.parseLong(values.get(0));
            return "Gt".equals(operator) ? have > bound : have < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
