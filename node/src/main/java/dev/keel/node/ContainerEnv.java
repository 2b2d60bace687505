package dev.keel.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.core.Container;
import dev.keel.api.core.EnvVar;
import dev.keel.api.core.Pod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment and command line of a container. The environment is the pod's identity ({@code POD_NAME},
 * {@code POD_NAMESPACE}, {@code POD_UID}, {@code POD_IP}, {@code NODE_NAME}, {@code HOSTNAME}), the node's
 * {@code PATH} and {@code HOME}, then the container's {@code env} in order (later entries win; {@code valueFrom.fieldRef}
 * of metadata.name/namespace/uid, spec.nodeName, status.podIP/hostIP is resolved). {@code $(NAME)} in env values,
 * command and args is replaced by an earlier variable's value ({@code $$} is a literal {@code $}), as in Kubernetes.
 */
final class ContainerEnv {
    private ContainerEnv() {
    }

    /**
     * @param podIP  the pod's address ({@code POD_IP}, {@code status.podIP})
     * @param hostIP the node's address ({@code status.hostIP})
     */
    static Map<String, String> environment(Pod pod, Container c, String nodeName, String podIP, String hostIP,
                                           Map<String, String> nodeEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String k : List.of("PATH", "HOME", "LANG")) {
            if (nodeEnv.containsKey(k)) {
                env.put(k, nodeEnv.get(k));
            }
        }
        env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOSTNAME", pod.metadata().name());
        env.put("POD_NAME", pod.metadata().name());
        env.put("POD_NAMESPACE", pod.metadata().namespace());
        env.put("POD_UID", pod.metadata().uid());
        env.put("POD_IP", podIP);
        env.put("NODE_NAME", nodeName);
        for (EnvVar v : c.env()) {
            String value = v.value() != null ? expand(v.value(), env) : fieldRef(v, pod, nodeName, podIP, hostIP);
            env.put(v.name(), value == null ? "" : value);
        }
        return env;
    }

    /** {@code command} followed by {@code args}, each with {@code $(NAME)} expanded. */
    static List<String> commandLine(Container c, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        c.command().forEach(s -> out.add(expand(s, env)));
        c.args().forEach(s -> out.add(expand(s, env)));
        return out;
    }

    /** Replaces {@code $(NAME)} of a defined variable; leaves undefined references and malformed ones as written. */
    static String expand(String s, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int close = s.indexOf(')', i + 2);
                String name = close < 0 ? null : s.substring(i + 2, close);
                if (name != null && env.containsKey(name)) {
                    out.append(env.get(name));
                    i = close + 1;
                } else {
                    out.append(ch);
                    i++;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static String fieldRef(EnvVar v, Pod pod, String nodeName, String podIP, String hostIP) {
        JsonNode from = v.unknownFields().get("valueFrom");
        if (from == null) {
            return "";
        }
        String path = from.path("fieldRef").path("fieldPath").asText("");
        return switch (path) {
            case "metadata.name" -> pod.metadata().name();
            case "metadata.namespace" -> pod.metadata().namespace();
            case "metadata.uid" -> pod.metadata().uid();
            case "spec.nodeName" -> nodeName;
            case "status.podIP" -> podIP;
            case "status.hostIP" -> hostIP;
            default -> "";
        };
    }
}
