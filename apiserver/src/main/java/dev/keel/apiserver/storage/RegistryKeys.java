package dev.keel.apiserver.storage;

import dev.keel.api.kinds.ResourceType;

/**
 * Where objects live in the store: {@code /registry/<resource>/<namespace>/<name>} for namespaced resources,
 * {@code /registry/<resource>/<name>} for cluster-scoped ones. Namespaces and names are DNS labels or subdomains,
 * so they never contain {@code /}; a list of one namespace is the prefix {@code /registry/pods/ns1/}.
 */
public final class RegistryKeys {
    public static final String ROOT = "/registry/";

    private RegistryKeys() {
    }

    public static String key(ResourceType<?> type, String namespace, String name) {
        return type.namespaced() ? ROOT + type.plural() + "/" + namespace + "/" + name : ROOT + type.plural() + "/" + name;
    }

    /** The prefix of a list: one namespace, or all ({@code namespace} null or cluster-scoped). */
    public static String prefix(ResourceType<?> type, String namespace) {
        return type.namespaced() && namespace != null ? ROOT + type.plural() + "/" + namespace + "/"
                : ROOT + type.plural() + "/";
    }

    /** The resource (plural) a key belongs to, e.g. {@code pods} for {@code /registry/pods/ns/x}. */
    public static String resourceOf(String key) {
        int end = key.indexOf('/', ROOT.length());
        return end < 0 ? "" : key.substring(ROOT.length(), end);
    }
}
