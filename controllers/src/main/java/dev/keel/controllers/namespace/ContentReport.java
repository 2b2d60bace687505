package dev.keel.controllers.namespace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass over a terminating namespace found: per resource, how many objects remain and, among them, which
 * finalizers hold how many; and the deletes that failed.
 */
record ContentReport(Map<String, Integer> remaining, Map<String, Integer> finalizers, List<String> failures) {
    ContentReport {
        remaining = new TreeMap<>(remaining);
        finalizers = new TreeMap<>(finalizers);
        failures = List.copyOf(failures);
    }

    boolean empty() {
        return remaining.isEmpty();
    }
}
