package dev.keel.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.GroupVersionKind;
import dev.keel.apiserver.registry.Subresources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The discovery documents: aggregated ({@code apidiscovery.k8s.io/v2} APIGroupDiscoveryList, which kubectl asks
 * for first) and legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}), all derived from
 * {@link Kinds#RESOURCES}. Built once; immutable.
 */
public final class Discovery {
    public static final String AGGREGATED_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    /** Namespaces cannot be deleted as a collection (as in Kubernetes). */
    private static final List<String> NAMESPACE_VERBS = List.of("create", "delete", "get", "list", "patch", "update",
            "watch");
    private static final Set<String> IN_ALL = Set.of("pods", "services", "deployments", "replicasets");

    private final ObjectMapper json;
    /** group/version path ("api/v1", "apis/apps/v1") to its resources. */
    private final Map<String, List<ResourceType<?>>> byGroupVersion = new LinkedHashMap<>();

    public Discovery(ObjectMapper json) {
        this.json = json;
        for (ResourceType<?> t : Kinds.RESOURCES) {
            byGroupVersion.computeIfAbsent(t.groupVersionPath().substring(1), k -> new java.util.ArrayList<>()).add(t);
        }
    }

    /** The group-versions served, as paths without the leading slash ({@code api/v1}, {@code apis/apps/v1}). */
    public Set<String> groupVersionPaths() {
        return byGroupVersion.keySet();
    }

    public List<ResourceType<?>> resources(String groupVersionPath) {
        return byGroupVersion.getOrDefault(groupVersionPath, List.of());
    }

    /** Aggregated discovery of the core group ({@code core} true, for /api) or of the named groups (/apis). */
    public ObjectNode aggregated(boolean core) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        Map<String, ObjectNode> groups = new LinkedHashMap<>();
        byGroupVersion.forEach((gvPath, types) -> {
            GroupVersionKind gvk = types.get(0).gvk();
            if (gvk.group().isEmpty() != core) {
                return;
            }
            ObjectNode g = groups.computeIfAbsent(gvk.group(), name -> {
                ObjectNode n = items.addObject();
                n.putObject("metadata").put("name", name);
                n.putArray("versions");
                return n;
            });
            ObjectNode v = ((ArrayNode) g.get("versions")).addObject();
            v.put("version", gvk.version());
            v.put("freshness", "Current");
            ArrayNode rs = v.putArray("resources");
            for (ResourceType<?> t : types) {
                rs.add(aggregatedResource(t));
            }
        });
        return list;
    }

    private static List<String> verbs(ResourceType<?> t) {
        return t == Kinds.NAMESPACES ? NAMESPACE_VERBS : VERBS;
    }

    private ObjectNode aggregatedResource(ResourceType<?> t) {
        ObjectNode r = json.createObjectNode();
        r.put("resource", t.plural());
        kind(r.putObject("responseKind"), t.gvk());
        r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", t.singular());
        strings(r.putArray("verbs"), verbs(t));
        if (!t.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), t.shortNames());
        }
        if (IN_ALL.contains(t.plural())) {
            r.putArray("categories").add("all");
        }
        List<String> subs = Subresources.of(t);
        if (!subs.isEmpty()) {
            ArrayNode sa = r.putArray("subresources");
            for (String s : subs) {
                ObjectNode sr = sa.addObject();
                sr.put("subresource", s);
                kind(sr.putObject("responseKind"), subresourceKind(t, s));
                strings(sr.putArray("verbs"), subresourceVerbs(s));
            }
        }
        return r;
    }

    /** Legacy {@code APIVersions} for /api. */
    public ObjectNode apiVersions() {
        ObjectNode n = json.createObjectNode();
        n.put("kind", "APIVersions");
        n.putArray("versions").add("v1");
        ObjectNode addr = n.putArray("serverAddressByClientCIDRs").addObject();
        addr.put("clientCIDR", "0.0.0.0/0");
        addr.put("serverAddress", "");
        return n;
    }

    /** Legacy {@code APIGroupList} for /apis. */
    public ObjectNode apiGroupList() {
        ObjectNode n = json.createObjectNode();
        n.put("kind", "APIGroupList");
        n.put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        byGroupVersion.values().forEach(types -> {
            GroupVersionKind gvk = types.get(0).gvk();
            if (!gvk.group().isEmpty()) {
                groups.add(apiGroup(gvk));
            }
        });
        return n;
    }

    /** Legacy {@code APIGroup} for /apis/{group}, if served. */
    public Optional<ObjectNode> apiGroup(String group) {
        return byGroupVersion.values().stream().map(ts -> ts.get(0).gvk()).filter(g -> g.group().equals(group))
                .findFirst().map(this::apiGroup);
    }

    private ObjectNode apiGroup(GroupVersionKind gvk) {
        ObjectNode g = json.createObjectNode();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", gvk.group());
        ObjectNode v = g.putArray("versions").addObject();
        v.put("groupVersion", gvk.apiVersion());
        v.put("version", gvk.version());
        g.set("preferredVersion", v.deepCopy());
        return g;
    }

    /** Legacy {@code APIResourceList} of one group-version ({@code api/v1}, {@code apis/apps/v1}). */
    public Optional<ObjectNode> resourceList(String groupVersionPath) {
        List<ResourceType<?>> types = byGroupVersion.get(groupVersionPath);
        if (types == null) {
            return Optional.empty();
        }
        ObjectNode n = json.createObjectNode();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", types.get(0).gvk().apiVersion());
        ArrayNode rs = n.putArray("resources");
        for (ResourceType<?> t : types) {
            ObjectNode r = rs.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.gvk().kind());
            strings(r.putArray("verbs"), verbs(t));
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (IN_ALL.contains(t.plural())) {
                r.putArray("categories").add("all");
            }
            for (String s : Subresources.of(t)) {
                ObjectNode sr = rs.addObject();
                GroupVersionKind k = subresourceKind(t, s);
                sr.put("name", t.plural() + "/" + s);
                sr.put("singularName", "");
                sr.put("namespaced", t.namespaced());
                if (!k.group().equals(t.gvk().group())) {
                    sr.put("group", k.group());
                    sr.put("version", k.version());
                }
                sr.put("kind", k.kind());
                strings(sr.putArray("verbs"), subresourceVerbs(s));
            }
        }
        return Optional.of(n);
    }

    /** The kind a subresource answers with. */
    public static GroupVersionKind subresourceKind(ResourceType<?> t, String sub) {
        return switch (sub) {
            case "scale" -> new GroupVersionKind("autoscaling", "v1", "Scale");
            case "binding" -> new GroupVersionKind("", "v1", "Binding");
            default -> t.gvk();
        };
    }

    private static List<String> subresourceVerbs(String sub) {
        return switch (sub) {
            case "binding" -> List.of("create");
            case "finalize" -> List.of("update");
            case "log" -> List.of("get");
            default -> List.of("get", "patch", "update");
        };
    }

    private static void kind(ObjectNode n, GroupVersionKind gvk) {
        n.put("group", gvk.group());
        n.put("version", gvk.version());
        n.put("kind", gvk.kind());
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
