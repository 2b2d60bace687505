package dev.keel.api.meta;

import java.util.Objects;

/**
 * The API group, version and kind of a type, e.g. ({@code apps}, {@code v1}, {@code Deployment}); the core group
 * is the empty string.
 */
public record GroupVersionKind(String group, String version, String kind) {
    public GroupVersionKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
    }

    /** The {@code apiVersion} field value: {@code v1} for the core group, {@code group/version} otherwise. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Parses an {@code apiVersion} value into group and version and pairs it with {@code kind}. */
    public static GroupVersionKind of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return slash < 0
                ? new GroupVersionKind("", apiVersion, kind)
                : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    @Override
    public String toString() {
        return apiVersion() + ", Kind=" + kind;
    }
}
