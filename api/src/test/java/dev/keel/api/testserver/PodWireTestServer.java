package dev.keel.api.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.DecodeException;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.ListMeta;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.Status;
import dev.keel.api.meta.StatusDetails;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.ObjectFields;
import dev.keel.api.selector.Selector;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test server for the client's wire protocol: it speaks the Kubernetes REST format for one resource, pods
 * (core/v1), over real HTTP on loopback. It is not Keel's apiserver and not a stand-in for it; it exists so the
 * client and informer can be tested against the protocol itself, including failures a real server produces only
 * rarely (a broken stream, a 410 after compaction, a 503).
 *
 * <p>Served: {@code /api/v1/pods} and {@code /api/v1/namespaces/{ns}/pods[/{name}[/status|/binding]]} with list
 * (label and field selectors, limit/continue), watch (from a resourceVersion, replaying history; 410 as an ERROR
 * event when it is older than the last compaction; {@code timeoutSeconds}), get, create (409 AlreadyExists),
 * update (409 Conflict on a stale resourceVersion), status, JSON merge patch, delete and binding; Status bodies for
 * every error; a bearer token check when configured. Each write bumps one revision counter, which is every
 * object's resourceVersion. Simplifications: continue pages read the current state (not a snapshot); selectors
 * filter watch events by the new state only.
 */
public final class PodWireTestServer implements AutoCloseable {
    private static final Pattern PODS =
            Pattern.compile("^/api/v1(?:/namespaces/([^/]+))?/pods(?:/([^/]+))?(?:/(status|binding))?$");

    private final KubeCodec codec = new KubeCodec();
    private final PodWireState state = new PodWireState(codec);
    private final String token;
    private final WireHttpServer http;
    private final boolean tls;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNextCount = new AtomicInteger();
    private volatile int failNextCode;
    private volatile boolean expireNextContinue;

    /** A request as the server saw it. */
    public record Recorded(String method, String path, Map<String, String> query, Map<String, String> headers,
                           String body) {
    }

    private PodWireTestServer(String token, SSLContext tlsContext) throws IOException {
        this.token = token;
        this.tls = tlsContext != null;
        this.http = new WireHttpServer(tlsContext, this::handle);
    }

    /** Plain HTTP, no authentication. */
    public static PodWireTestServer start() throws IOException {
        return new PodWireTestServer(null, null);
    }

    /** TLS with {@code tlsContext}, requiring {@code Authorization: Bearer <token>}. */
    public static PodWireTestServer startTls(SSLContext tlsContext, String token) throws IOException {
        return new PodWireTestServer(token, tlsContext);
    }

    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + http.port());
    }

    public PodWireState state() {
        return state;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The next {@code count} non-watch requests are answered with a Status of {@code code} (e.g. 503). */
    public void failNext(int count, int code) {
        failNextCode = code;
        failNextCount.set(count);
    }

    /** The next list request that carries a continue token gets 410 Expired, as after a compaction. */
    public void expireNextContinue() {
        expireNextContinue = true;
    }

    @Override
    public void close() throws IOException {
        state.endWatches();
        http.close();
    }

    private void handle(WireHttpServer.Request req, WireHttpServer.Response resp) throws IOException {
        requests.add(new Recorded(req.method(), req.path(), req.query(), req.headers(),
                new String(req.body(), StandardCharsets.UTF_8)));
        if (token != null && !("Bearer " + token).equals(req.header("authorization"))) {
            status(resp, 401, "Unauthorized", "Unauthorized", null);
            return;
        }
        boolean watch = "true".equals(req.query().get("watch"));
        if (!watch && failNextCount.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status(resp, failNextCode, failNextCode == 503 ? "ServiceUnavailable" : "InternalError",
                    "injected failure", null);
            return;
        }
        Matcher m = PODS.matcher(req.path());
        if (!m.matches()) {
            status(resp, 404, "NotFound", "the server could not find the requested resource", null);
            return;
        }
        String ns = m.group(1);
        String name = m.group(2);
        String sub = m.group(3);
        try {
            route(req, resp, ns, name, sub, watch);
        } catch (DecodeException e) {
            status(resp, 400, "BadRequest", e.getMessage(), null);
        } catch (PodWireState.StatusError e) {
            resp.send(e.status().code(), codec.encode(e.status()));
        }
    }

    private void route(WireHttpServer.Request req, WireHttpServer.Response resp, String ns, String name,
                       String sub, boolean watch) throws IOException {
        String method = req.method();
        if (name == null) {
            if (method.equals("GET") && watch) {
                state.watch(ns, req.query(), resp);
            } else if (method.equals("GET")) {
                resp.send(200, codec.encode(list(ns, req.query())));
            } else if (method.equals("POST") && ns != null) {
                resp.send(201, codec.encode(state.create(ns, codec.decode(req.body(), Pod.class))));
            } else {
                status(resp, 405, "MethodNotAllowed", method + " is not supported here", null);
            }
            return;
        }
        if (ns == null) {
            status(resp, 404, "NotFound", "pods need a namespace", null);
        } else if (sub == null && method.equals("GET")) {
            resp.send(200, codec.encode(state.get(ns, name)));
        } else if (sub == null && method.equals("PUT")) {
            resp.send(200, codec.encode(state.update(ns, name, codec.decode(req.body(), Pod.class), false)));
        } else if ("status".equals(sub) && method.equals("PUT")) {
            resp.send(200, codec.encode(state.update(ns, name, codec.decode(req.body(), Pod.class), true)));
        } else if (sub == null && method.equals("PATCH")) {
            patch(req, resp, ns, name);
        } else if (sub == null && method.equals("DELETE")) {
            resp.send(200, codec.encode(state.delete(ns, name)));
        } else if ("binding".equals(sub) && method.equals("POST")) {
            Binding b = codec.decode(req.body(), Binding.class);
            state.bind(ns, name, b.target() == null ? null : b.target().name());
            resp.send(201, codec.encode(Status.success()));
        } else {
            status(resp, 405, "MethodNotAllowed", method + " is not supported here", null);
        }
    }

    private ObjectList<Pod> list(String ns, Map<String, String> q) {
        Selector labels = Selector.parse(q.getOrDefault("labelSelector", ""));
        FieldSelector fields = FieldSelector.parse(q.getOrDefault("fieldSelector", ""));
        int limit = Integer.parseInt(q.getOrDefault("limit", "0"));
        String after = null;
        Long atRevision = null;
        String token = q.get("continue");
        if (token != null) {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            atRevision = Long.parseLong(parts[0]);
            after = parts[1];
            state.checkContinue(expireNextContinue ? Long.MIN_VALUE : atRevision);
            expireNextContinue = false;
        }
        PodWireState.Page page = state.list(ns, p -> labels.matches(p.metadata().labels())
                && fields.matches(ObjectFields.of(p)), after, limit);
        long rv = atRevision == null ? page.revision() : atRevision;
        String next = page.lastKey() == null ? null : Base64.getUrlEncoder().encodeToString(
                (rv + "|" + page.lastKey()).getBytes(StandardCharsets.UTF_8));
        return ObjectList.of(Pod.GVK, ListMeta.of(Long.toString(rv), next), page.items());
    }

    private void patch(WireHttpServer.Request req, WireHttpServer.Response resp, String ns, String name)
            throws IOException {
        String type = req.header("content-type");
        if (!"application/merge-patch+json".equals(type)) {
            status(resp, 415, "UnsupportedMediaType", "the test server applies only merge patches, not " + type,
                    null);
            return;
        }
        JsonNode patch = codec.jsonMapper().readTree(req.body());
        Pod current = state.get(ns, name);
        ObjectNode tree = codec.toTree(current);
        JsonNode merged = MergePatch.apply(tree, patch);
        Pod next = codec.fromTree(merged, Pod.class);
        next = next.withMetadata(next.metadata().toBuilder().resourceVersion(current.metadata().resourceVersion())
                .build());
        resp.send(200, codec.encode(state.update(ns, name, next, false)));
    }

    private void status(WireHttpServer.Response resp, int code, String reason, String message,
                        StatusDetails details) throws IOException {
        resp.send(code, codec.encode(Status.failure(code, reason, message, details)));
    }

    static ObjectMeta created(ObjectMeta m, String ns, long revision) {
        String name = m.name();
        if ((name == null || name.isEmpty()) && m.generateName() != null) {
            name = m.generateName() + UUID.randomUUID().toString().substring(0, 5);
        }
        return m.toBuilder().name(name).namespace(ns).uid(UUID.randomUUID().toString())
                .resourceVersion(Long.toString(revision)).generation(1L)
                .creationTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)).build();
    }
}
