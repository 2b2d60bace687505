package dev.keel.apiserver.storage;

import java.util.List;

/**
 * Keys written in the same transaction as an object, so that they can never disagree with it: {@code claims} must
 * not exist yet and are created holding {@code owner}; {@code releases} are deleted. Allocations (a Service's cluster
 * IP and node ports) are kept this way, one key per allocated value.
 */
public record SideKeys(List<String> claims, List<String> releases, String owner) {
    public static final SideKeys NONE = new SideKeys(List.of(), List.of(), "");

    public SideKeys {
        claims = List.copyOf(claims);
        releases = List.copyOf(releases);
    }

    public boolean isEmpty() {
        return claims.isEmpty() && releases.isEmpty();
    }
}
