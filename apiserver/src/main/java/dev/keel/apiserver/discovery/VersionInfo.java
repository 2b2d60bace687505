package dev.keel.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /version} document. It reports Kubernetes 1.32: the kubectl on the machine chooses which client
 * binary runs by this minor version (see shared/notes/kubectl.md), and Keel serves what 1.32 clients expect.
 */
public final class VersionInfo {
    public static final String MAJOR = "1";
    public static final String MINOR = "32";
    public static final String GIT_VERSION = "v1.32.0-keel.0.1.0";

    private VersionInfo() {
    }

    public static ObjectNode document(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("major", MAJOR);
        n.put("minor", MINOR);
        n.put("gitVersion", GIT_VERSION);
        n.put("gitCommit", "keel");
        n.put("gitTreeState", "clean");
        n.put("buildDate", "2026-11-25T00:00:00Z");
        n.put("goVersion", "java" + Runtime.version().feature());
        n.put("compiler", "javac");
        n.put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                + System.getProperty("os.arch"));
        return n;
    }
}
