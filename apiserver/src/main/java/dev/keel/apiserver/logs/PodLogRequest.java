package dev.keel.apiserver.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.status.Errors;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code GET .../pods/{name}/log} request into the node agent URL it is served from: picks the container
 * (the only one when not given; a 400 naming the choices when ambiguous or unknown), finds the node's InternalIP and
 * agent port ({@code status.daemonEndpoints.kubeletEndpoint.Port}), and passes on the query parameters kubectl
 * sends ({@code follow, tailLines, previous, timestamps, sinceSeconds, sinceTime, limitBytes}).
 */
public final class PodLogRequest {
    private static final List<String> PASSED = List.of("follow", "tailLines", "previous", "timestamps", "sinceSeconds",
            "sinceTime", "limitBytes");

    private PodLogRequest() {
    }

    /** The container whose log is asked for. */
    public static String container(ApiRequest r, JsonNode pod, String podName) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        Optional<String> asked = r.param("container").filter(s -> !s.isEmpty());
        if (asked.isEmpty()) {
            if (names.size() != 1) {
                throw Errors.badRequest("a container name must be specified for pod " + podName + ", choose one of: "
                        + names);
            }
            return names.get(0);
        }
        if (!names.contains(asked.get())) {
            throw Errors.badRequest("container " + asked.get() + " is not valid for pod " + podName
                    + " (its containers: " + names + ")");
        }
        return asked.get();
    }

    /** {@code http://<InternalIP>:<port>/containerLogs/<ns>/<pod>/<container>?...} of the node object {@code node}. */
    public static URI nodeUri(ApiRequest r, JsonNode node, String nodeName, String namespace, String pod,
                              String container) {
        String address = null;
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals("InternalIP")) {
                address = a.path("address").asText();
                break;
            }
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (address == null || address.isEmpty() || port <= 0) {
            throw Errors.unavailable("node \"" + nodeName + "\" does not say where its agent serves logs (status."
                    + (address == null || address.isEmpty() ? "addresses has no InternalIP"
                    : "daemonEndpoints.kubeletEndpoint.Port is not set") + ")");
        }
        StringBuilder q = new StringBuilder();
        for (String p : PASSED) {
            Optional<String> v = r.param(p);
            if (v.isPresent()) {
                q.append(q.length() == 0 ? '?' : '&').append(p).append('=')
                        .append(URLEncoder.encode(v.get().isEmpty() ? "true" : v.get(), StandardCharsets.UTF_8));
            }
        }
        String host = address.contains(":") ? "[" + address + "]" : address;
        return URI.create("http://" + host + ":" + port + "/containerLogs/" + enc(namespace) + "/" + enc(pod) + "/"
                + enc(container) + q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
