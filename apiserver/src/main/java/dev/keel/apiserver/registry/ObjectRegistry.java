package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.codec.Timestamps;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.apiserver.allocation.ServiceAllocator;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.SideKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.apiserver.storage.WriteResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
    private final ObjectCache cache;
    private final KubeCodec codec;
    private final Admission admission;
    private final Clock clock;
    private final Random random;
    private final ServiceAllocator services;

    /**
     * @param cache copies of stored objects that updates and the namespace check of creates may start from (see
     *              {@link ObjectCache}); {@link ObjectCache#NONE} reads the store every time
     */
    public ObjectRegistry(ObjectStore store, ObjectCache cache, KubeCodec codec, Clock clock, Random random,
                          ServiceAllocator services) {
        this.store = store;
        this.cache = cache;
        this.codec = codec;
        this.admission = new Admission(codec);
        this.clock = clock;
        this.random = random;
        this.services = services;
    }

    /**
     * Which part of an object an update may change: everything but status (and, for namespaces, spec), status
     * only, a namespace's {@code spec.finalizers} only (the {@code finalize} subresource), or a pod's binding.
     * A binding sets {@code spec.nodeName} and the PodScheduled condition together, from values the server builds
     * itself, on an object admitted when it was written; like Kubernetes' binding (which validates the Binding, not
     * the pod) it is not admitted again.
     */
    public enum Part { MAIN, STATUS, FINALIZE, BINDING }

    public CompletableFuture<ObjectNode> get(ResourceType<?> type, String namespace, String name) {
        return store.get(RegistryKeys.key(type, namespace, name)).thenApply(found -> tree(found
                .orElseThrow(() -> Errors.notFound(type.gvk().group(), type.plural(), name))));
    }

    /** As {@link #createJson}, answering a tree; {@code body} is taken over. */
    public CompletableFuture<ObjectNode> create(ResourceType<?> type, String namespace, ObjectNode body) {
        return create(type, namespace, body, WriteOptions.DEFAULT);
    }

    public CompletableFuture<ObjectNode> create(ResourceType<?> type, String namespace, ObjectNode body,
                                                WriteOptions options) {
        return createJson(type, namespace, body, options).thenApply(this::parse);
    }

    /**
     * Creates an object and answers it as JSON with its resourceVersion. The admitted object is encoded once: the
     * bytes stored are the bytes answered, stamped with the revision. {@code body} is taken over: the registry
     * fills in its system fields in place.
     */
    public CompletableFuture<byte[]> createJson(ResourceType<?> type, String namespace, ObjectNode body,
                                                WriteOptions options) {
        Prepared obj;
        try {
            obj = prepareCreate(type, namespace, body, options.manager());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> nsCheck = type.namespaced() ? checkNamespaceOpen(namespace)
                : CompletableFuture.completedFuture(null);
        return nsCheck.thenCompose(v -> createAttempt(type, namespace, obj, options, 0));
    }

    /** An admitted object to create: its typed form and its JSON as stored (without resourceVersion). */
    private record Prepared(KubeObject typed, byte[] json) {
    }

    /**
     * One try at writing a prepared object; a taken allocation (a concurrent create won it) picks again. A service
     * is written with the cluster IP and node ports allocated to it, so it is encoded again.
     */
    private CompletableFuture<byte[]> createAttempt(ResourceType<?> type, String namespace, Prepared prepared,
                                                    WriteOptions options, int tries) {
        String name = prepared.typed().metadata().name();
        String key = RegistryKeys.key(type, namespace, name);
        ObjectNode allocated = type == Kinds.SERVICES ? codec.toTree(prepared.typed()) : null;
        CompletableFuture<SideKeys> side = allocated != null ? services.allocate(null, allocated)
                : CompletableFuture.completedFuture(SideKeys.NONE);
        return side.thenCompose(keys -> {
            byte[] json = allocated != null ? bytes(allocated) : prepared.json();
            if (options.dryRun()) {
                return store.get(key).thenApply(found -> {
                    if (found.isPresent()) {
                        throw Errors.alreadyExists(type.gvk().group(), type.plural(), name);
                    }
                    return json;
                });
            }
            return store.create(key, json, keys).thenCompose(r -> {
                if (r instanceof WriteResult.Written w) {
                    return CompletableFuture.completedFuture(withResourceVersion(json, w.revision()));
                }
                if (r instanceof WriteResult.ClaimTaken && tries + 1 < MAX_RETRIES) {
                    return createAttempt(type, namespace, prepared, options, tries + 1);
                }
                if (r instanceof WriteResult.ClaimTaken t) {
                    throw Errors.conflict(type.gvk().group(), type.plural(), name, "allocating " + t.key()
                            + " kept conflicting with concurrent writes; try again");
                }
                throw Errors.alreadyExists(type.gvk().group(), type.plural(), name);
            });
        });
    }

    private Prepared prepareCreate(ResourceType<?> type, String namespace, ObjectNode obj, Optional<String> manager) {
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
        meta.put("creationTimestamp", Timestamps.format(now()));
        meta.put("generation", 1);
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        meta.remove("managedFields");
        resetStatusOnCreate(type, obj);
        // Admission keeps metadata fields the model does not name, managedFields among them.
        manager.ifPresent(m -> ManagedFields.record(obj, m, type.gvk().apiVersion(), "", now()));
        KubeObject admitted = admission.admitTyped(type, obj);
        return new Prepared(admitted, codec.encode(admitted));
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
            NamespaceFinalizers.requireKubernetes(obj);
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
        return modify(type, namespace, name, current -> body.deepCopy(), part, rv, WriteOptions.DEFAULT);
    }

    public CompletableFuture<ObjectNode> update(ResourceType<?> type, String namespace, String name, ObjectNode body,
                                                Part part, WriteOptions options) {
        String bodyName = ObjectTrees.name(body);
        if (bodyName != null && !bodyName.equals(name)) {
            return CompletableFuture.failedFuture(Errors.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")"));
        }
        Optional<String> rv = Optional.ofNullable(ObjectTrees.resourceVersion(body));
        return modify(type, namespace, name, current -> body.deepCopy(), part, rv, options);
    }

    /**
     * Read-modify-write with compare-and-swap: {@code change} gets the current object (a private copy) and returns
     * the desired one; on a concurrent write it runs again on the newer object, unless {@code expectedRv} pins
     * the version, in which case the answer is 409 Conflict.
     */
    public CompletableFuture<ObjectNode> modify(ResourceType<?> type, String namespace, String name,
                                                UnaryOperator<ObjectNode> change, Part part,
                                                Optional<String> expectedRv) {
        return modify(type, namespace, name, change, part, expectedRv, WriteOptions.DEFAULT);
    }

    public CompletableFuture<ObjectNode> modify(ResourceType<?> type, String namespace, String name,
                                                UnaryOperator<ObjectNode> change, Part part,
                                                Optional<String> expectedRv, WriteOptions options) {
        return firstAttempt(new Change(type, namespace, name, change, part, expectedRv, options));
    }

    /** One read-modify-write, as {@link #modify} was asked for it. */
    private record Change(ResourceType<?> type, String namespace, String name, UnaryOperator<ObjectNode> change,
                          Part part, Optional<String> expectedRv, WriteOptions options) {
    }

    /**
     * The first try of a change starts from the watch cache's copy when there is one (and it has the version the
     * caller pinned, if any): no store read. Whatever keeps that try from writing (the copy was stale, so the
     * compare-and-swap failed; or the change refused it, or found nothing to change, which a stale copy may also
     * cause) is decided again from the store's copy, as if the cache had not been asked.
     */
    private CompletableFuture<ObjectNode> firstAttempt(Change c) {
        String key = RegistryKeys.key(c.type(), c.namespace(), c.name());
        if (!c.options().dryRun() && c.type() != Kinds.SERVICES) { // services: allocation reads the old object
            Optional<ObjectCache.Copy> copy = cache.copy(c.type(), key);
            if (copy.isPresent() && c.expectedRv().map(rv -> rv.equals(Long.toString(copy.get().modRevision())))
                    .orElse(true)) {
                return fromCopy(c, key, copy.get());
            }
        }
        return attempt(c, 0);
    }

    /** One read-modify-write from the store's copy. */
    private CompletableFuture<ObjectNode> attempt(Change c, int tries) {
        String key = RegistryKeys.key(c.type(), c.namespace(), c.name());
        return store.get(key).thenCompose(found -> {
            StoredObject current = found.orElseThrow(() -> Errors.notFound(c.type().gvk().group(),
                    c.type().plural(), c.name()));
            return write(c, tries, key, current, tree(current));
        });
    }

    private CompletableFuture<ObjectNode> fromCopy(Change c, String key, ObjectCache.Copy copy) {
        StoredObject current = new StoredObject(key, null, copy.modRevision(), 0);
        Plan plan;
        try {
            plan = plan(c, current, copy.tree());
        } catch (RuntimeException refused) {
            return attempt(c, 0);
        }
        if (plan.next().isEmpty()) {
            return attempt(c, 0);
        }
        ObjectNode next = plan.next().get();
        CompletableFuture<WriteResult> write = plan.remove() ? store.delete(key, current)
                : store.update(key, current.modRevision(), bytes(next));
        return write.thenCompose(r -> r instanceof WriteResult.Written w
                ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(next, w.revision()))
                : attempt(c, 0));
    }

    /** What a change makes of {@code old}: the object to store (empty when nothing changes), or a delete. */
    private record Plan(Optional<ObjectNode> next, boolean remove) {
    }

    private Plan plan(Change c, StoredObject current, ObjectNode old) {
        ResourceType<?> type = c.type();
        if (c.expectedRv().isPresent() && !c.expectedRv().get().equals(Long.toString(current.modRevision()))) {
            throw Errors.modified(type.gvk().group(), type.plural(), c.name());
        }
        ObjectNode desired = c.change().apply(old.deepCopy());
        Optional<ObjectNode> changed = prepareUpdate(type, c.namespace(), c.name(), old, desired, c.part(),
                c.options().manager());
        return new Plan(changed, changed.isPresent() && deletesOnUpdate(type, old, changed.get()));
    }

    private CompletableFuture<ObjectNode> write(Change c, int tries, String key, StoredObject current,
                                                ObjectNode old) {
        ResourceType<?> type = c.type();
        Plan plan = plan(c, current, old);
        if (plan.next().isEmpty()) {
            return CompletableFuture.completedFuture(old); // nothing changed: no write, same resourceVersion
        }
        ObjectNode next = plan.next().get();
        boolean remove = plan.remove();
        CompletableFuture<SideKeys> side = type != Kinds.SERVICES ? CompletableFuture.completedFuture(SideKeys.NONE)
                : remove ? CompletableFuture.completedFuture(services.release(old)) : services.allocate(old, next);
        return side.thenCompose(keys -> {
            if (c.options().dryRun()) {
                return CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(next,
                        current.modRevision()));
            }
            CompletableFuture<WriteResult> write = remove ? store.delete(key, current, keys)
                    : store.update(key, current.modRevision(), bytes(next), keys);
            return write.thenCompose(r -> r instanceof WriteResult.Written w
                    ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(next, w.revision()))
                    : retry(c, tries, r));
        });
    }

    /**
     * As Kubernetes: an update removes an object being deleted once its last finalizer is gone and no grace period
     * is pending (a pod that its node agent is still stopping stays until the agent deletes it).
     */
    private static boolean deletesOnUpdate(ResourceType<?> type, ObjectNode old, ObjectNode next) {
        if (!ObjectTrees.deleting(old) || ObjectTrees.hasFinalizers(next)) {
            return false;
        }
        if (type == Kinds.NAMESPACES) { // a terminating namespace goes once its spec.finalizers are done too
            return !NamespaceFinalizers.pending(next);
        }
        return old.path("metadata").path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private CompletableFuture<ObjectNode> retry(Change c, int tries, WriteResult r) {
        boolean objectChanged = r instanceof WriteResult.Rejected;
        if ((objectChanged && c.expectedRv().isPresent()) || tries + 1 >= MAX_RETRIES) {
            throw Errors.modified(c.type().gvk().group(), c.type().plural(), c.name());
        }
        return attempt(c, tries + 1);
    }

    /**
     * The stored form of an update: system metadata from {@code old}, the other part kept, generation bumped; empty
     * when it equals what is stored (both are compared after the same defaulting and encoding).
     */
    private Optional<ObjectNode> prepareUpdate(ResourceType<?> type, String namespace, String name, ObjectNode old,
                                               ObjectNode desired, Part part, Optional<String> manager) {
        ObjectNode next = desired;
        if (part == Part.STATUS) {
            next = old.deepCopy();
            JsonNode status = desired.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status);
            }
        } else if (part == Part.FINALIZE) {
            next = NamespaceFinalizers.withFinalizersOf(old, desired);
        } else if (part == Part.MAIN && Subresources.hasStatus(type)) {
            JsonNode status = old.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status);
            }
        }
        if (type == Kinds.NAMESPACES && part == Part.MAIN) {
            NamespaceFinalizers.keepSpec(old, next); // spec.finalizers change only through finalize
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
                "generation", "managedFields"}) {
            JsonNode v = oldMeta.get(f);
            if (v == null) {
                meta.remove(f);
            } else {
                meta.set(f, v);
            }
        }
        meta.remove("resourceVersion");
        if (type == Kinds.SERVICES && part == Part.MAIN) {
            services.keepAllocated(old, next);
        }
        ObjectNode admitted = part == Part.BINDING ? next : admission.admit(type, next);
        // The stored object went through admission when it was written, so it is compared as it is (admitting it
        // again cost a quarter of an update's CPU). An object stored before a new default existed just counts as
        // changed once, and one that a newer validation would refuse can still be updated.
        if (ObjectTrees.sameValueApartFromResourceVersion(admitted, old)) {
            return Optional.empty();
        }
        JsonNode oldSpec = old.get("spec");
        if (oldSpec != null && !ObjectTrees.sameValue(oldSpec, admitted.get("spec"))) {
            ObjectTrees.meta(admitted).put("generation", oldMeta.path("generation").asLong(1) + 1);
        }
        manager.ifPresent(m -> ManagedFields.record(admitted, m, type.gvk().apiVersion(),
                part == Part.STATUS ? "status" : "", now()));
        return Optional.of(admitted);
    }

    /**
     * Deletes an object. Answers the object as it is afterwards: gone (200 with the last state), or still there
     * with deletionTimestamp set (graceful deletion of a bound pod, finalizers pending, or a Foreground or Orphan
     * propagation policy, whose finalizer the garbage collector removes).
     */
    public CompletableFuture<ObjectNode> delete(ResourceType<?> type, String namespace, String name,
                                                DeleteOptions options) {
        String key = RegistryKeys.key(type, namespace, name);
        return store.get(key).thenCompose(found -> {
            StoredObject current = found.orElseThrow(() -> Errors.notFound(type.gvk().group(), type.plural(), name));
            ObjectNode obj = tree(current);
            checkPreconditions(type, name, obj, options);
            ObjectNode marked = obj.deepCopy();
            boolean finalizersChanged = type != Kinds.NAMESPACES && applyPolicy(marked, options.propagationPolicy());
            boolean graceful = graceful(type, obj, options);
            if (!graceful && !ObjectTrees.hasFinalizers(marked)
                    && (type != Kinds.NAMESPACES || !NamespaceFinalizers.pending(marked))) {
                if (options.dryRun()) {
                    return CompletableFuture.completedFuture(obj);
                }
                SideKeys side = type == Kinds.SERVICES ? services.release(obj) : SideKeys.NONE;
                return store.delete(key, current, side).thenCompose(r -> r instanceof WriteResult.Written w
                        ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(obj, w.revision()))
                        : delete(type, namespace, name, options));
            }
            boolean marking = markDeleting(type, obj, marked, graceful ? gracePeriod(obj, options) : 0);
            if (!marking && !finalizersChanged) {
                return CompletableFuture.completedFuture(obj);
            }
            if (options.dryRun()) {
                return CompletableFuture.completedFuture(marked);
            }
            ObjectTrees.meta(marked).remove("resourceVersion");
            return store.update(key, current.modRevision(), bytes(marked)).thenCompose(r ->
                    r instanceof WriteResult.Written w
                            ? CompletableFuture.completedFuture(ObjectTrees.withResourceVersion(marked, w.revision()))
                            : delete(type, namespace, name, options));
        });
    }

    /**
     * Sets deletionTimestamp (now + {@code grace}) on an object not yet being deleted, or shortens the grace period
     * of one that is; false when {@code marked} stays as it was.
     */
    private boolean markDeleting(ResourceType<?> type, ObjectNode obj, ObjectNode marked, long grace) {
        ObjectNode meta = ObjectTrees.meta(marked);
        if (ObjectTrees.deleting(obj)) {
            long pending = obj.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
            Instant due = now().plusSeconds(grace);
            if (grace >= pending || !due.isBefore(Instant.parse(meta.path("deletionTimestamp").asText()))) {
                return false;
            }
            meta.put("deletionTimestamp", due.toString());
            meta.put("deletionGracePeriodSeconds", grace);
            return true;
        }
        meta.put("deletionTimestamp", now().plusSeconds(grace).toString());
        meta.put("deletionGracePeriodSeconds", grace);
        if (type == Kinds.NAMESPACES) {
            ((ObjectNode) (marked.get("status") instanceof ObjectNode s ? s : marked.putObject("status")))
                    .put("phase", "Terminating");
        }
        return true;
    }

    /**
     * Puts the garbage collector's finalizer of the propagation policy on {@code obj} (Foreground:
     * foregroundDeletion, Orphan: orphan) and takes the other one off; Background takes both off. No policy leaves
     * the finalizers alone. True when they changed.
     */
    private static boolean applyPolicy(ObjectNode obj, Optional<String> policy) {
        if (policy.isEmpty()) {
            return false;
        }
        String wanted = switch (policy.get()) {
            case DeleteOptions.FOREGROUND -> DeleteOptions.FOREGROUND_FINALIZER;
            case DeleteOptions.ORPHAN -> DeleteOptions.ORPHAN_FINALIZER;
            default -> null;
        };
        List<String> before = new ArrayList<>();
        obj.path("metadata").path("finalizers").forEach(f -> before.add(f.asText()));
        List<String> after = new ArrayList<>(before);
        after.removeIf(f -> (f.equals(DeleteOptions.FOREGROUND_FINALIZER) || f.equals(DeleteOptions.ORPHAN_FINALIZER))
                && !f.equals(wanted));
        if (wanted != null && !after.contains(wanted)) {
            after.add(wanted);
        }
        if (after.equals(before)) {
            return false;
        }
        ArrayNode f = ObjectTrees.meta(obj).putArray("finalizers");
        after.forEach(f::add);
        if (after.isEmpty()) {
            ObjectTrees.meta(obj).remove("finalizers");
        }
        return true;
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

    /**
     * 404 when the namespace does not exist, 403 when it is being deleted. A namespace that the watch cache holds
     * in a phase other than Terminating is taken as open without a store read (Kubernetes' NamespaceLifecycle
     * admission asks its informer the same; the write that sets a namespace's deletionTimestamp also sets that
     * phase); one the cache lacks (created a moment ago) or holds as terminating is looked up in the store.
     */
    private CompletableFuture<Void> checkNamespaceOpen(String namespace) {
        String key = RegistryKeys.key(Kinds.NAMESPACES, null, namespace);
        if (cache.fields(Kinds.NAMESPACES, key).filter(f -> !"Terminating".equals(f.get("status.phase")))
                .isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return store.get(key).thenApply(ns -> {
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

    /** Stored JSON with its resourceVersion, stamped into the bytes (re-encoded only in the odd case it cannot be). */
    private byte[] withResourceVersion(byte[] stored, long revision) {
        byte[] stamped = StoredJson.withResourceVersion(stored, revision);
        return stamped != null ? stamped : bytes(ObjectTrees.withResourceVersion(parse(stored), revision));
    }

    private ObjectNode parse(byte[] json) {
        return StoredJson.tree(codec.jsonMapper(), json);
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
