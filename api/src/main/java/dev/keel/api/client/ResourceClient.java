package dev.keel.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.apps.Scale;
import dev.keel.api.codec.DecodeException;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.Binding;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ListMeta;
import dev.keel.api.meta.ObjectList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Typed calls on one resource (pods, deployments, ...). Every call has an async form returning a future that
 * completes within the request timeout, failing with an {@link ApiException}; the blocking forms wait for it and
 * throw the same exception. No call is retried here: conflicts and transient errors go back to the caller.
 *
 * <p>Namespaces: for item calls a {@code null} namespace means the config's default namespace; for list and watch
 * it means all namespaces. Cluster-scoped resources ignore the namespace. Thread-safe and immutable.
 */
public final class ResourceClient<T extends KubeObject> implements ListWatch<T> {
    private final ResourceType<T> resource;
    private final HttpTransport transport;
    private final KubeCodec codec;
    private final String defaultNamespace;
    private final Duration timeout;
    private final WatchRegistry watches;

    ResourceClient(ResourceType<T> resource, HttpTransport transport, String defaultNamespace, Duration timeout,
                   WatchRegistry watches) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.transport = transport;
        this.codec = transport.codec();
        this.defaultNamespace = defaultNamespace;
        this.timeout = timeout;
        this.watches = watches;
    }

    @Override
    public ResourceType<T> resource() {
        return resource;
    }

    /** The same client with another per-request timeout. */
    public ResourceClient<T> withTimeout(Duration requestTimeout) {
        return new ResourceClient<>(resource, transport, defaultNamespace, requestTimeout, watches);
    }

    public CompletableFuture<T> getAsync(String namespace, String name) {
        Call call = Call.of("GET", item(namespace, name));
        return send(call, b -> codec.decode(b, resource.type()));
    }

    /** One page (or all, without a limit); the answer's metadata has the resourceVersion and continue token. */
    public CompletableFuture<ObjectList<T>> listAsync(String namespace, ListOptions options) {
        Call call = Call.of("GET", resource.collectionPath(namespace)).withQuery(options.query());
        return send(call, b -> codec.decodeList(b, resource.type()));
    }

    /**
     * {@inheritDoc} If a continue token expires between pages (410), the list is read again in one request without
     * a limit, as client-go's pager does.
     */
    @Override
    public CompletableFuture<ObjectList<T>> listAllAsync(String namespace, ListOptions options) {
        ListOptions first = options.withContinue(null);
        return listAsync(namespace, first).thenCompose(page -> {
            List<T> items = new ArrayList<>(page.items());
            return nextPage(namespace, first, page, items, page.metadata().continueToken())
                    .exceptionallyCompose(e -> StatusErrors.unwrap(e) instanceof GoneException
                            ? listAsync(namespace, first.withLimit(null))
                            : CompletableFuture.failedFuture(StatusErrors.unwrap(e)));
        });
    }

    private CompletableFuture<ObjectList<T>> nextPage(String namespace, ListOptions options, ObjectList<T> first,
                                                      List<T> items, String token) {
        if (token == null) {
            return CompletableFuture.completedFuture(new ObjectList<>(first.apiVersion(), first.kind(),
                    ListMeta.of(first.metadata().resourceVersion(), null), items, Map.of()));
        }
        return listAsync(namespace, options.withContinue(token)).thenCompose(page -> {
            items.addAll(page.items());
            return nextPage(namespace, options, first, items, page.metadata().continueToken());
        });
    }

    /** Creates {@code object} in its namespace (or the default one); 409 {@link AlreadyExistsException} if taken. */
    public CompletableFuture<T> createAsync(T object) {
        Call call = Call.of("POST", resource.collectionPath(namespaceOf(object))).withBody(codec.encode(object), null);
        return send(call, b -> codec.decode(b, resource.type()));
    }

    /**
     * Replaces {@code object}. With {@code metadata.resourceVersion} set, the server applies it only if the
     * stored object still has that version: otherwise {@link ConflictException}.
     */
    public CompletableFuture<T> updateAsync(T object) {
        Call call = Call.of("PUT", item(namespaceOf(object), nameOf(object))).withBody(codec.encode(object), null);
        return send(call, b -> codec.decode(b, resource.type()));
    }

    /** Replaces the status of {@code object} (the {@code status} subresource; spec changes are ignored). */
    public CompletableFuture<T> updateStatusAsync(T object) {
        Call call = Call.of("PUT", item(namespaceOf(object), nameOf(object)) + "/status")
                .withBody(codec.encode(object), null);
        return send(call, b -> codec.decode(b, resource.type()));
    }

    public CompletableFuture<T> patchAsync(String namespace, String name, PatchType type, String patch) {
        Call call = Call.of("PATCH", item(namespace, name))
                .withBody(patch.getBytes(StandardCharsets.UTF_8), type.contentType());
        return send(call, b -> codec.decode(b, resource.type()));
    }

    /**
     * Patches the {@code status} subresource: only status fields change, and a strategic-merge patch of one
     * condition (merged by {@code type}) leaves concurrent writes of other conditions and fields intact.
     */
    public CompletableFuture<T> patchStatusAsync(String namespace, String name, PatchType type, String patch) {
        Call call = Call.of("PATCH", item(namespace, name) + "/status")
                .withBody(patch.getBytes(StandardCharsets.UTF_8), type.contentType());
        return send(call, b -> codec.decode(b, resource.type()));
    }

    /**
     * Deletes the object. The answer is the object when the server returns it (still present with a
     * deletionTimestamp during graceful deletion, or its last state), empty when it returns a Status.
     */
    public CompletableFuture<Optional<T>> deleteAsync(String namespace, String name, DeleteOptions options) {
        Call call = Call.of("DELETE", item(namespace, name)).withQuery(options.query());
        if (!options.isDefault()) {
            call = call.withBody(codec.encode(options.body()), null);
        }
        return send(call, this::objectOrStatus);
    }

    /** Binds a pod to a node (pods only): {@code POST .../pods/{name}/binding}. */
    public CompletableFuture<Void> bindAsync(Binding binding) {
        if (resource != Kinds.PODS) {
            throw new UnsupportedOperationException("binding is a subresource of pods, not of " + resource.plural());
        }
        String ns = binding.metadata().namespace() == null ? defaultNamespace : binding.metadata().namespace();
        Call call = Call.of("POST", item(ns, binding.metadata().name()) + "/binding")
                .withBody(codec.encode(binding), null);
        return send(call, b -> null);
    }

    /** The {@code scale} subresource (deployments and replicasets). */
    public CompletableFuture<Scale> getScaleAsync(String namespace, String name) {
        return send(Call.of("GET", scalePath(namespace, name)), b -> codec.decode(b, Scale.class));
    }

    public CompletableFuture<Scale> updateScaleAsync(Scale scale) {
        Call call = Call.of("PUT", scalePath(scale.metadata().namespace(), scale.metadata().name()))
                .withBody(codec.encode(scale), null);
        return send(call, b -> codec.decode(b, Scale.class));
    }

    @Override
    public Watch watch(String namespace, WatchOptions options, WatchListener<T> listener) {
        Call call = Call.of("GET", resource.collectionPath(namespace)).withQuery(options.query());
        return watches.open(() -> transport.watch(call, resource.type(), listener, options.clientDeadline()));
    }

    public T get(String namespace, String name) {
        return Futures.await(getAsync(namespace, name));
    }

    public ObjectList<T> list(String namespace, ListOptions options) {
        return Futures.await(listAsync(namespace, options));
    }

    public ObjectList<T> listAll(String namespace, ListOptions options) {
        return Futures.await(listAllAsync(namespace, options));
    }

    public T create(T object) {
        return Futures.await(createAsync(object));
    }

    public T update(T object) {
        return Futures.await(updateAsync(object));
    }

    public T updateStatus(T object) {
        return Futures.await(updateStatusAsync(object));
    }

    public T patch(String namespace, String name, PatchType type, String patch) {
        return Futures.await(patchAsync(namespace, name, type, patch));
    }

    public T patchStatus(String namespace, String name, PatchType type, String patch) {
        return Futures.await(patchStatusAsync(namespace, name, type, patch));
    }

    public Optional<T> delete(String namespace, String name, DeleteOptions options) {
        return Futures.await(deleteAsync(namespace, name, options));
    }

    public void bind(Binding binding) {
        Futures.await(bindAsync(binding));
    }

    public Scale getScale(String namespace, String name) {
        return Futures.await(getScaleAsync(namespace, name));
    }

    public Scale updateScale(Scale scale) {
        return Futures.await(updateScaleAsync(scale));
    }

    private <R> CompletableFuture<R> send(Call call, Function<byte[], R> decode) {
        return transport.send(call, timeout).thenApply(body -> {
            try {
                return decode.apply(body);
            } catch (DecodeException e) {
                throw new MalformedResponseException(call.toString(), 200, "cannot decode the answer: "
                        + e.getMessage(), e);
            }
        });
    }

    private Optional<T> objectOrStatus(byte[] body) {
        JsonNode tree;
        try {
            tree = codec.jsonMapper().readTree(body);
        } catch (IOException e) {
            throw new DecodeException("the answer is not JSON: " + e.getMessage());
        }
        if (tree == null || "Status".equals(tree.path("kind").asText())) {
            return Optional.empty();
        }
        return Optional.of(codec.fromTree(tree, resource.type()));
    }

    private String scalePath(String namespace, String name) {
        if (resource != Kinds.DEPLOYMENTS && resource != Kinds.REPLICA_SETS) {
            throw new UnsupportedOperationException("scale is a subresource of deployments and replicasets, not of "
                    + resource.plural());
        }
        return item(namespace, name) + "/scale";
    }

    private String item(String namespace, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(resource.plural() + ": an item call needs a name");
        }
        return resource.itemPath(resource.namespaced() ? (namespace == null ? defaultNamespace : namespace) : null,
                name);
    }

    private String namespaceOf(T object) {
        String ns = object.metadata().namespace();
        return resource.namespaced() ? (ns == null || ns.isEmpty() ? defaultNamespace : ns) : null;
    }

    private static String nameOf(KubeObject object) {
        return object.metadata().name();
    }
}
