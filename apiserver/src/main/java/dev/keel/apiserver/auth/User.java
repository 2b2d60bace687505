package dev.keel.apiserver.auth;

import java.util.List;

/** An authenticated caller. */
public record User(String name, String uid, List<String> groups) {
    /** The group whose members may do everything (as in Kubernetes). */
    public static final String MASTERS = "system:masters";
    /** Keel's read-only group: get, list and watch only. */
    public static final String READ_ONLY = "keel:read-only";
    /** The caller on the insecure loopback port, which has no authentication. */
    public static final User LOOPBACK_ADMIN = new User("system:loopback-admin", "", List.of(MASTERS));

    public User {
        groups = List.copyOf(groups);
    }
}
