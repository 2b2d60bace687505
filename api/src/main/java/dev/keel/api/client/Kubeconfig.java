package dev.keel.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Reads the parts of a kubeconfig file Keel uses: the current context's cluster ({@code server},
 * {@code certificate-authority-data} or {@code certificate-authority}), its user ({@code token} or
 * {@code tokenFile}) and its {@code namespace}. Relative file paths are resolved against the kubeconfig's
 * directory, as kubectl does. Client certificates, exec plugins and {@code insecure-skip-tls-verify} are not
 * supported and are reported as errors rather than silently ignored.
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** The config of {@code file}'s current context (or of {@code context} if not {@code null}). */
    public static ClientConfig load(Path file, String context) throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        JsonNode root = yaml.readTree(Files.readAllBytes(file));
        if (root == null || !root.isObject()) {
            throw new KubeconfigException(file, "the file is empty or not a YAML mapping");
        }
        String ctxName = context != null ? context : text(root, "current-context");
        if (ctxName == null) {
            throw new KubeconfigException(file, "no current-context is set and no context was given");
        }
        JsonNode ctx = named(file, root, "contexts", ctxName, "context");
        String clusterName = text(ctx, "cluster");
        if (clusterName == null) {
            throw new KubeconfigException(file, "context \"" + ctxName + "\" names no cluster");
        }
        JsonNode cluster = named(file, root, "clusters", clusterName, "cluster");
        ClientConfig config = ClientConfig.of(server(file, cluster, clusterName))
                .withDefaultNamespace(text(ctx, "namespace"))
                .withCertificateAuthorityPem(certificateAuthority(file, cluster, clusterName));
        String userName = text(ctx, "user");
        if (userName != null) {
            config = config.withBearerToken(token(file, named(file, root, "users", userName, "user"), userName));
        }
        return config;
    }

    /** The config of {@code file}'s current context. */
    public static ClientConfig load(Path file) throws IOException {
        return load(file, null);
    }

    private static URI server(Path file, JsonNode cluster, String name) {
        String server = text(cluster, "server");
        if (server == null) {
            throw new KubeconfigException(file, "cluster \"" + name + "\" has no server");
        }
        try {
            return new URI(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (URISyntaxException e) {
            throw new KubeconfigException(file, "cluster \"" + name + "\" has a malformed server \"" + server + "\"");
        }
    }

    private static String certificateAuthority(Path file, JsonNode cluster, String name) throws IOException {
        if (cluster.path("insecure-skip-tls-verify").asBoolean(false)) {
            throw new KubeconfigException(file, "cluster \"" + name
                    + "\": insecure-skip-tls-verify is not supported; give certificate-authority-data");
        }
        String data = text(cluster, "certificate-authority-data");
        if (data != null) {
            try {
                return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII);
            } catch (IllegalArgumentException e) {
                throw new KubeconfigException(file, "cluster \"" + name
                        + "\": certificate-authority-data is not base64: " + e.getMessage());
            }
        }
        String path = text(cluster, "certificate-authority");
        return path == null ? null : Files.readString(resolve(file, path), StandardCharsets.US_ASCII);
    }

    private static String token(Path file, JsonNode user, String name) throws IOException {
        if (user.has("client-certificate-data") || user.has("client-certificate") || user.has("exec")
                || user.has("auth-provider")) {
            throw new KubeconfigException(file, "user \"" + name
                    + "\": only token and tokenFile credentials are supported");
        }
        String token = text(user, "token");
        if (token != null) {
            return token;
        }
        String tokenFile = text(user, "tokenFile");
        return tokenFile == null ? null : Files.readString(resolve(file, tokenFile), StandardCharsets.UTF_8).strip();
    }

    private static JsonNode named(Path file, JsonNode root, String list, String name, String field) {
        for (JsonNode entry : root.path(list)) {
            if (name.equals(text(entry, "name"))) {
                JsonNode body = entry.get(field);
                if (body == null || !body.isObject()) {
                    throw new KubeconfigException(file, list + " entry \"" + name + "\" has no " + field);
                }
                return body;
            }
        }
        throw new KubeconfigException(file, "no entry named \"" + name + "\" in " + list);
    }

    private static Path resolve(Path file, String path) {
        Path p = Path.of(path);
        Path dir = file.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }
}
