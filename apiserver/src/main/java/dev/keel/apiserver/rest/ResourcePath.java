package dev.keel.apiserver.rest;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.apiserver.registry.Subresources;
import dev.keel.apiserver.status.Errors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed resource URL: {@code /api/v1/[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]} or the same under
 * {@code /apis/{group}/{version}}. {@code namespace} is null for cluster-scoped resources and for lists across all
 * namespaces; {@code name} and {@code subresource} are null when absent.
 */
record ResourcePath(ResourceType<?> type, String namespace, String name, String subresource) {

    boolean isCollection() {
        return name == null;
    }

    String group() {
        return type.gvk().group();
    }

    /** The resource label of metrics and errors: {@code pods} or {@code pods/status}. */
    String label() {
        return subresource == null ? type.plural() : type.plural() + "/" + subresource;
    }

    /**
     * Parses {@code path}; empty when it is not under /api or /apis at all.
     *
     * @throws dev.keel.apiserver.status.ApiException 404 for an unknown resource or a malformed resource path
     */
    static Optional<ResourcePath> parse(String path) {
        List<String> segs = segments(path);
        String group;
        String version;
        List<String> rest;
        if (segs.size() >= 3 && segs.get(0).equals("api")) {
            group = "";
            version = segs.get(1);
            rest = segs.subList(2, segs.size());
        } else if (segs.size() >= 4 && segs.get(0).equals("apis")) {
            group = segs.get(1);
            version = segs.get(2);
            rest = segs.subList(3, segs.size());
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (rest.size() == 3 && rest.get(0).equals("namespaces") && Kinds.byPlural(group, version, rest.get(2)).isEmpty()
                && Subresources.has(Kinds.NAMESPACES, rest.get(2))) {
            return Optional.of(new ResourcePath(Kinds.NAMESPACES, null, rest.get(1), rest.get(2))); // ns subresource
        }
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        ResourceType<?> type = Kinds.byPlural(group, version, resource)
                .orElseThrow(() -> Errors.notFoundPath(path));
        if (rest.size() > 3 || (namespace != null && !type.namespaced())) {
            throw Errors.notFoundPath(path);
        }
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? rest.get(2) : null;
        if (name != null && type.namespaced() && namespace == null) {
            throw Errors.notFoundPath(path);
        }
        if (sub != null && !Subresources.has(type, sub)) {
            throw Errors.notFoundPath(path);
        }
        return Optional.of(new ResourcePath(type, namespace, name, sub));
    }

    /** The non-empty segments of {@code path}, percent-decoded (the common path has no escapes and is only split). */
    private static List<String> segments(String path) {
        List<String> segs = new ArrayList<>(8);
        int from = 0;
        int n = path.length();
        while (from <= n) {
            int to = path.indexOf('/', from);
            if (to < 0) {
                to = n;
            }
            if (to > from) {
                String seg = path.substring(from, to);
                segs.add(seg.indexOf('%') < 0 && seg.indexOf('+') < 0 ? seg
                        : URLDecoder.decode(seg, StandardCharsets.UTF_8));
            }
            from = to + 1;
        }
        return segs;
    }
}
