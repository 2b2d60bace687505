package dev.keel.apiserver.rest;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.auth.Authorizer;
import dev.keel.apiserver.discovery.Discovery;
import dev.keel.apiserver.discovery.VersionInfo;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.apiserver.http.RequestDispatcher;
import dev.keel.apiserver.metrics.ApiMetrics;
import dev.keel.apiserver.openapi.OpenApiDocuments;
import dev.keel.apiserver.status.Errors;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The apiserver's request dispatcher: health, version, metrics, discovery and OpenAPI paths, then the resource
 * paths (authorized per verb and handed to {@link ResourceHandler}). Records every request in {@link ApiMetrics}.
 */
public final class Router implements RequestDispatcher {
    /** Paths served without authentication. */
    public static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/readyz", "/livez", "/version");

    private final ResourceHandler resources;
    private final Discovery discovery;
    private final OpenApiDocuments openapi;
    private final Authorizer authorizer;
    private final ApiMetrics metrics;
    private final KubeCodec codec;
    private final Replies replies;
    private final BooleanSupplier ready;
    private final Clock clock;

    Router(ResourceHandler resources, Discovery discovery, OpenApiDocuments openapi, Authorizer authorizer,
           ApiMetrics metrics, KubeCodec codec, Replies replies, BooleanSupplier ready, Clock clock) {
        this.resources = resources;
        this.discovery = discovery;
        this.openapi = openapi;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.codec = codec;
        this.replies = replies;
        this.ready = ready;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<ApiResponse> dispatch(ApiRequest r) {
        Instant start = clock.instant();
        String[] labels = {r.method().toLowerCase(java.util.Locale.ROOT), "-"};
        CompletableFuture<ApiResponse> answer;
        try {
            answer = route(r, labels);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.thenApply(resp -> replies.negotiate(r, resp)).whenComplete((resp, failure) -> {
            int code = failure != null ? Errors.from(failure).code() : resp.code();
            metrics.request(labels[0], labels[1], code, Duration.between(start, clock.instant()));
        });
    }

    private CompletableFuture<ApiResponse> route(ApiRequest r, String[] labels) {
        String path = r.path().length() > 1 && r.path().endsWith("/") ? r.path().substring(0, r.path().length() - 1)
                : r.path();
        Optional<ApiResponse> fixed = fixed(r, path);
        if (fixed.isPresent()) {
            return CompletableFuture.completedFuture(fixed.get());
        }
        ResourcePath p = ResourcePath.parse(path).orElseThrow(() -> Errors.notFoundPath(path));
        labels[0] = ResourceHandler.verb(r, p);
        labels[1] = p.label();
        Replies.checkAcceptable(r);
        authorizer.check(r.user(), labels[0], p.group(), p.label(), p.namespace()).ifPresent(reason -> {
            throw Errors.forbidden(reason);
        });
        return resources.handle(r, p);
    }

    /** The answer of a non-resource path, if {@code path} is one. */
    private Optional<ApiResponse> fixed(ApiRequest r, String path) {
        switch (path) {
            case "/healthz", "/livez":
                return Optional.of(ApiResponse.text(200, "ok"));
            case "/readyz":
                return Optional.of(ready.getAsBoolean() ? ApiResponse.text(200, "ok")
                        : ApiResponse.text(503, "watch caches not in sync yet"));
            case "/version":
                return Optional.of(replies.json(200, VersionInfo.document(codec.jsonMapper())));
            case "/metrics":
                requireAdmin(r, path);
                return Optional.of(new ApiResponse.Full(200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of()));
            case "/api":
                requireGet(r);
                return Optional.of(aggregated(r) ? aggregated(true) : replies.json(200, discovery.apiVersions()));
            case "/apis":
                requireGet(r);
                return Optional.of(aggregated(r) ? aggregated(false) : replies.json(200, discovery.apiGroupList()));
            case "/openapi/v3":
                requireGet(r);
                return Optional.of(ApiResponse.json(200, openapi.index()));
            case "/openapi/v2":
                throw Errors.notFoundPath(path);
            default:
                return prefixed(r, path);
        }
    }

    private Optional<ApiResponse> prefixed(ApiRequest r, String path) {
        if (path.startsWith("/openapi/v3/")) {
            requireGet(r);
            String gv = path.substring("/openapi/v3/".length());
            byte[] doc = openapi.document(gv).orElseThrow(() -> Errors.notFoundPath(path));
            String hash = openapi.hash(gv).orElseThrow();
            Optional<String> asked = r.param("hash");
            if (asked.isPresent() && !asked.get().equals(hash)) {
                return Optional.of(new ApiResponse.Full(301, "text/plain", new byte[0],
                        Map.of("Location", "/openapi/v3/" + gv + "?hash=" + hash)));
            }
            Map<String, String> headers = asked.isPresent()
                    ? Map.of("Etag", "\"" + hash + "\"", "Cache-Control", "public, immutable", "Vary", "Accept",
                    "Expires", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            clock.instant().plus(Duration.ofDays(365)).atZone(java.time.ZoneOffset.UTC)))
                    : Map.of("Etag", "\"" + hash + "\"");
            return Optional.of(new ApiResponse.Full(200, "application/json", doc, headers));
        }
        String gv = path.startsWith("/") ? path.substring(1) : path;
        if (discovery.groupVersionPaths().contains(gv)) {
            requireGet(r);
            return Optional.of(replies.json(200, discovery.resourceList(gv).orElseThrow()));
        }
        if (path.startsWith("/apis/") && path.indexOf('/', 6) < 0) {
            requireGet(r);
            return Optional.of(replies.json(200, discovery.apiGroup(path.substring(6))
                    .orElseThrow(() -> Errors.notFoundPath(path))));
        }
        return Optional.empty();
    }

    private ApiResponse aggregated(boolean core) {
        return new ApiResponse.Full(200, Discovery.AGGREGATED_TYPE, replies.bytes(discovery.aggregated(core)),
                Map.of("Vary", "Accept"));
    }

    private static boolean aggregated(ApiRequest r) {
        return r.accept().contains("as=APIGroupDiscoveryList");
    }

    private static void requireGet(ApiRequest r) {
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            throw Errors.methodNotAllowed(r.method(), r.path());
        }
    }

    private void requireAdmin(ApiRequest r, String path) {
        authorizer.check(r.user(), "get", "", path, null).ifPresent(reason -> {
            throw Errors.forbidden(reason);
        });
    }
}
