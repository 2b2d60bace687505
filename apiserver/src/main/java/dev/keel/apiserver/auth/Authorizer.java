package dev.keel.apiserver.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Decides what an authenticated user may do: members of {@link User#MASTERS} everything, members of
 * {@link User#READ_ONLY} only reads, everyone else nothing but the public paths (which the handler lets through
 * before authorization). The denial message is Kubernetes' RBAC wording.
 */
public final class Authorizer {
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    /** Empty when allowed, else the reason for a 403. */
    public Optional<String> check(User user, String verb, String group, String resource, String namespace) {
        if (user.groups().contains(User.MASTERS)) {
            return Optional.empty();
        }
        if (user.groups().contains(User.READ_ONLY) && READ_VERBS.contains(verb)) {
            return Optional.empty();
        }
        String where = namespace == null || namespace.isEmpty() ? " at the cluster scope"
                : " in the namespace \"" + namespace + "\"";
        return Optional.of((resource == null ? "" : resource + " is forbidden: ") + "User \"" + user.name()
                + "\" cannot " + verb + " resource \"" + resource + "\" in API group \"" + group + "\"" + where);
    }
}
