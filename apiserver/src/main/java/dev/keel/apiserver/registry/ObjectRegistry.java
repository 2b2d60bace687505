package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.apiserver.storage.WriteResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The storage semantics of the API, independent of HTTP: create (uid, creationTimestamp, generation 1,
 * generateName, namespace lifecycle, 409 AlreadyExists), get, update (compare-and-swap on resourceVersion, 409
 * Conflict; generation bumped when the spec changes; status kept or taken alone for the status subresource) and
 * delete (graceful for bound pods, deferred while finalizers remain, immediate otherwise). Objects come and go as
 * JSON trees carrying {@code metadata.resourceVersion}. Thread-safe; all methods are asynchronous.
 */
public final class ObjectRegistry {
    private static final int MAX_RETRIES = 8;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final ObjectStore store;
    private final KubeCodec codec;
    private final Admission admission;
    private final Clock clock;
    private final Random random;

    public ObjectRegistry(ObjectStore store, KubeCodec codec, Clock clock, Random random) {
        this.store = store;
        this.codec = codec;
        this.admission = new Admission(codec);
        this.clock = clock;
        this.random = random;
    }

    /** Which part of an object an update may change. */
    /** Which part an update writes: the main resource (status kept), the status (rest kept), or both (bindings). */
    public enum Part { MAIN, STATUS, ALL }

    public CompletableFuture<ObjectNode> get(ResourceType<?> type, String namespace, String name) {
        return store.get(RegistryKeys.key(type, namespace, name)).thenApply(found -> tree(found
                .orElseThrow(() -> Errors.notFound(type.gvk().group(), type.plural(), name))));
    }

    public CompletableFuture<ObjectNode> create(ResourceType<?> type, String namespace, ObjectNode body) {
        ObjectNode obj;
        try {
            obj = prepareCreate(type, namespace, body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String name = ObjectTrees.name(obj);
        CompletableFuture<Void> nsCheck = type.namespaced() ? checkNamespaceOpen(namespace)
                : CompletableFuture.completedFuture(null);
        return nsCheck.thenCompose(v -> store.create(RegistryKeys.key(type, namespace, name), bytes(obj)))
                .thenApply(r -> {
                    if (r instanceof WriteResult.Written w) {
                        return ObjectTrees.withResourceVersion(obj, w.revision());
                    }
                    throw Errors.alreadyExists(type.gvk().group(), type.plural(), name);
                });
    }

    private ObjectNode prepareCreate(ResourceType<?> type, String namespace, ObjectNode body) {
        ObjectNode obj = body.deepCopy();
        ObjectNode meta = ObjectTrees.meta(obj);
        String bodyNs = ObjectTrees.namespace(obj);
        if (type.namespaced()) {
            if (bodyNs != null && !bodyNs.equals(namespace)) {
                throw Errors.badRequest("the namespace of the provided object (" + bodyNs
                        + ") does not match the namespace sent on the request (" + namespace + ")");
            }
            meta.put("namespace", namespace);
        }
        if (ObjectTrees.name(obj) == null) {
            ObjectTrees.text(meta, "generateName").ifPresent(prefix -> meta.put("name", prefix + suffix()));
        }
        meta.put("uid", new UUID(random.nextLong(), random.nextLong()).toString());
        meta.put("creationTimestamp", now().toString());
        meta.put("generation", 1);
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        resetStatusOnCreate(type, obj);
        return admission.admit(type, obj);
    }

    private static void resetStatusOnCreate(ResourceType<?> type, ObjectNode obj) {
        if (type == Kinds.DEPLOYMENTS || type == Kinds.REPLICA_SETS) {
            obj.remove("status");
        } else if (type == Kinds.PODS) {
            ObjectNode status = obj.get("status") instanceof ObjectNode s ? s : obj.putObject("status");
            if (!status.hasNonNull("phase")) {
                status.put("phase", "Pending");
            }
        } else if (type == Kinds.NAMESPACES) {
            ObjectNode status = obj.putObject("status");
            status.put("phase", "Active");
        }
    }

    /**
     * Replaces an object with {@code body} (PUT). With a resourceVersion in the body the write is conditional on
     * it (409 when stale); without one it applies to whatever is current.
     */
    public CompletableFuture<ObjectNode> update(ResourceType<?> type, String namespace, String name, ObjectNode body,
                                                Part part) {
        String bodyName = ObjectTrees.name(body);
        if (bodyName != null && !bodyName.equals(name)) {
            return CompletableFuture.failedFuture(Errors.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")"));
        }
        Optional<String> rv = Optional.ofNullable(ObjectTrees.resourceVersion(body));
        return modify(type, namespace, name, current -> body.deepCopy(), part, rv);
    }

    /**
     * Read-modify-write with compare-and-swap: {@code change} gets the current object (a private copy) and returns
     * the desired one; on a concurrent write it runs again on the newer object, unless {@code expectedRv} pins
     * the version, in which case the answer is 409 Conflict.
     */
    public CompletableFuture<ObjectNode> modify(ResourceType<?> type, String namespace, String name,
                                                UnaryOperator<ObjectNode> change, Part part,
                                                Optional<String> expectedRv) {
        return attempt(type, namespace, name, change, part, expectedRv, 0);
    }

    private CompletableFuture<ObjectNode> attempt(ResourceType<?> type, String namespace, String name,
                                                  UnaryOperator<ObjectNode> change, Part part,
                                                  Optional<String> expectedRv, int tries) {
        String key = RegistryKeys.key(type, namespace, name);
        return store.get(key).thenCompose(found -> {
            StoredObject current = found.orElseThrow(() -> Errors.notFound(type.gvk().group(), type.plural(), name));
            if (expectedRv.isPresent() && !expectedRv.get().equals(Long.toString(current.modRevision()))) {
                throw Errors.modified(type.gvk().group(), type.plural(), name);
            }
            ObjectNode old = tree(current);
            ObjectNode desired = change.apply(old.deepCopy());
            Optional<ObjectNode> changed = prepareUpdate(type, namespace, name, old, desired, part);
            if (changed.isEmpty()) {
                return CompletableFuture.completedFuture(old); // nothing changed: no write, same resourceVersion
            }
            ObjectNode next = changed.get();
            if (ObjectTrees.deleting(next) && !ObjectTrees.hasFinalizers(next) && type != Kinds.NAMESPACES) {
                return store.delete(key, current).thenCompose(r -> r instanceof WriteResult.Written w
                        ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(next, w.revision()))
                        : retry(type, namespace, name, change, part, expectedRv, tries));
            }
            return store.update(key, current.modRevision(), bytes(next)).thenCompose(r ->
                    r instanceof WriteResult.Written w
                            ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(next, w.revision()))
                            : retry(type, namespace, name, change, part, expectedRv, tries));
        });
    }

    private CompletableFuture<ObjectNode> retry(ResourceType<?> type, String namespace, String name,
                                                UnaryOperator<ObjectNode> change, Part part,
                                                Optional<String> expectedRv, int tries) {
        if (expectedRv.isPresent() || tries + 1 >= MAX_RETRIES) {
            throw Errors.modified(type.gvk().group(), type.plural(), name);
        }
        return attempt(type, namespace, name, change, part, expectedRv, tries + 1);
    }

    /**
     * The stored form of an update: system metadata from {@code old}, the other part kept, generation bumped; empty
     * when it equals what is stored (both are compared after the same defaulting and encoding).
     */
    private Optional<ObjectNode> prepareUpdate(ResourceType<?> type, String namespace, String name, ObjectNode old,
                                     ObjectNode desired, Part part) {
        ObjectNode next = desired;
        if (part == Part.STATUS) {
            next = old.deepCopy();
            JsonNode status = desired.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status);
            }
        } else if (part == Part.MAIN && Subresources.hasStatus(type)) {
            JsonNode status = old.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status);
            }
        }
        ObjectNode meta = ObjectTrees.meta(next);
        ObjectNode oldMeta = ObjectTrees.meta(old);
        if (ObjectTrees.namespace(next) != null && !ObjectTrees.namespace(next).equals(namespace)) {
            throw Errors.badRequest("the namespace of the object (" + ObjectTrees.namespace(next)
                    + ") does not match the namespace on the URL (" + namespace + ")");
        }
        meta.put("name", name);
        if (type.namespaced()) {
            meta.put("namespace", namespace);
        }
        for (String f : new String[]{"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation"}) {
            JsonNode v = oldMeta.get(f);
            if (v == null) {
                meta.remove(f);
            } else {
                meta.set(f, v);
            }
        }
        meta.remove("resourceVersion");
        ObjectNode admitted = admission.admit(type, next);
        ObjectNode before = admission.admit(type, strip(old));
        if (admitted.equals(before)) {
            return Optional.empty();
        }
        JsonNode oldSpec = before.get("spec");
        if (oldSpec != null && !oldSpec.equals(admitted.get("spec"))) {
            ObjectTrees.meta(admitted).put("generation", oldMeta.path("generation").asLong(1) + 1);
        }
        return Optional.of(admitted);
    }

    private static ObjectNode strip(ObjectNode old) {
        ObjectNode c = old.deepCopy();
        ObjectTrees.meta(c).remove("resourceVersion");
        return c;
    }

    /**
     * Deletes an object. Answers the object as it is afterwards: gone (200 with the last state), or still there
     * with deletionTimestamp set (graceful deletion of a bound pod, or finalizers pending).
     */
    public CompletableFuture<ObjectNode> delete(ResourceType<?> type, String namespace, String name,
                                                DeleteOptions options) {
        String key = RegistryKeys.key(type, namespace, name);
        return store.get(key).thenCompose(found -> {
            StoredObject current = found.orElseThrow(() -> Errors.notFound(type.gvk().group(), type.plural(), name));
            ObjectNode obj = tree(current);
            checkPreconditions(type, name, obj, options);
            boolean graceful = graceful(type, obj, options);
            if (!graceful && !ObjectTrees.hasFinalizers(obj) && type != Kinds.NAMESPACES) {
                return store.delete(key, current).thenCompose(r -> r instanceof WriteResult.Written w
                        ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(obj, w.revision()))
                        : delete(type, namespace, name, options));
            }
            if (ObjectTrees.deleting(obj)) {
                return CompletableFuture.completedFuture(obj);
            }
            ObjectNode marked = obj.deepCopy();
            ObjectNode meta = ObjectTrees.meta(marked);
            long grace = graceful ? gracePeriod(obj, options) : 0;
            meta.put("deletionTimestamp", now().plusSeconds(grace).toString());
            meta.put("deletionGracePeriodSeconds", grace);
            meta.remove("resourceVersion");
            if (type == Kinds.NAMESPACES) {
                ((ObjectNode) (marked.get("status") instanceof ObjectNode s ? s : marked.putObject("status")))
                        .put("phase", "Terminating");
            }
            return store.update(key, current.modRevision(), bytes(marked)).thenCompose(r ->
                    r instanceof WriteResult.Written w
                            ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(marked, w.revision()))
                            : delete(type, namespace, name, options));
        });
    }

    private static void checkPreconditions(ResourceType<?> type, String name, ObjectNode obj, DeleteOptions o) {
        String uid = ObjectTrees.text(obj.get("metadata"), "uid").orElse("");
        if (o.preconditionUid().isPresent() && !o.preconditionUid().get().equals(uid)) {
            throw Errors.conflict(type.gvk().group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + o.preconditionUid().get() + ", UID in object meta: " + uid);
        }
        String rv = ObjectTrees.resourceVersion(obj);
        if (o.preconditionRv().isPresent() && !o.preconditionRv().get().equals(rv)) {
            throw Errors.conflict(type.gvk().group(), type.plural(), name,
                    "Precondition failed: ResourceVersion in precondition: " + o.preconditionRv().get()
                            + ", ResourceVersion in object meta: " + rv);
        }
    }

    /** A pod on a node is deleted gracefully (its node agent confirms); everything else at once. */
    private static boolean graceful(ResourceType<?> type, ObjectNode obj, DeleteOptions o) {
        if (type != Kinds.PODS || o.gracePeriodSeconds().orElse(-1L) == 0) {
            return false;
        }
        boolean bound = ObjectTrees.text(obj.get("spec"), "nodeName").isPresent();
        String phase = obj.path("status").path("phase").asText("");
        return bound && !phase.equals("Succeeded") && !phase.equals("Failed");
    }

    private static long gracePeriod(ObjectNode obj, DeleteOptions o) {
        return o.gracePeriodSeconds().orElse(obj.path("spec").path("terminationGracePeriodSeconds").asLong(30));
    }

    /** 404 when the namespace does not exist, 403 when it is being deleted. */
    private CompletableFuture<Void> checkNamespaceOpen(String namespace) {
        return store.get(RegistryKeys.key(Kinds.NAMESPACES, null, namespace)).thenApply(ns -> {
            if (ns.isEmpty()) {
                throw Errors.notFound("", "namespaces", namespace);
            }
            if (ObjectTrees.deleting(tree(ns.get()))) {
                throw Errors.forbidden("unable to create new content in namespace " + namespace
                        + " because it is being terminated");
            }
            return null;
        });
    }

    /** The object of a stored value, with its resourceVersion. */
    public ObjectNode tree(StoredObject stored) {
        try {
            ObjectNode o = (ObjectNode) codec.jsonMapper().readTree(stored.value());
            return ObjectTrees.withResourceVersion(o, stored.modRevision());
        } catch (IOException e) {
            throw new UncheckedIOException("stored object " + stored.key() + " is not JSON", e);
        }
    }

    private byte[] bytes(ObjectNode obj) {
        return codec.encode(obj);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String suffix() {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }
}
