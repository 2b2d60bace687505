package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.Timestamps;
import dev.keel.api.core.Binding;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.api.kinds.Kinds;
import dev.keel.apiserver.logs.NodeLogProxy;
import dev.keel.apiserver.logs.PodLogRequest;
import dev.keel.apiserver.registry.DeleteOptions;
import dev.keel.apiserver.registry.ObjectRegistry;
import dev.keel.apiserver.registry.ObjectTrees;
import dev.keel.apiserver.registry.WriteOptions;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.watch.CachedObject;
import dev.keel.api.validation.FieldError;
import dev.keel.api.validation.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The verbs on resources and their subresources: GET (object, list, watch), POST (create, binding), PUT (replace,
 * status, scale), PATCH (merge, JSON, strategic; status, scale) and DELETE, mapped onto {@link ObjectRegistry},
 * {@link Lister} and {@link Watches}; the {@code log} subresource is proxied to the pod's node agent.
 */
final class ResourceHandler {
    /** What a field manager taken from the User-Agent loses (compiled once: this runs on every write). */
    private static final java.util.regex.Pattern NOT_PRINTABLE = java.util.regex.Pattern.compile("[^\\x20-\\x7e]");
    private static final List<String> POLICIES = List.of(DeleteOptions.ORPHAN, DeleteOptions.BACKGROUND,
            DeleteOptions.FOREGROUND);
    private final ObjectRegistry registry;
    private final Lister lister;
    private final Watches watches;
    private final Bodies bodies;
    private final Replies replies;
    private final ScaleView scales;
    private final ServingOptions options;
    private final NodeLogProxy logs;

    ResourceHandler(ObjectRegistry registry, Lister lister, Watches watches, Bodies bodies, Replies replies,
                    ScaleView scales, ServingOptions options, NodeLogProxy logs) {
        this.registry = registry;
        this.lister = lister;
        this.watches = watches;
        this.bodies = bodies;
        this.replies = replies;
        this.scales = scales;
        this.options = options;
        this.logs = logs;
    }

    /** The verb of a request, as authorization and metrics name it. */
    static String verb(ApiRequest r, ResourcePath p) {
        return switch (r.method()) {
            case "GET", "HEAD" -> p.isCollection() ? (r.flag("watch") ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> p.isCollection() ? "deletecollection" : "delete";
            default -> r.method().toLowerCase(java.util.Locale.ROOT);
        };
    }

    CompletableFuture<ApiResponse> handle(ApiRequest r, ResourcePath p) {
        if (p.isCollection()) {
            return switch (r.method()) {
                case "GET" -> collectionGet(r, p);
                case "POST" -> create(r, p);
                case "DELETE" -> {
                    if (p.type() == Kinds.NAMESPACES) {
                        throw Errors.methodNotAllowed(r.method(), r.path());
                    }
                    yield deleteCollection(r, p);
                }
                default -> throw Errors.methodNotAllowed(r.method(), r.path());
            };
        }
        if (p.subresource() != null) {
            return subresource(r, p);
        }
        return switch (r.method()) {
            case "GET" -> registry.get(p.type(), p.namespace(), p.name()).thenApply(o -> replies.object(r, p.type(), o, 200));
            case "PUT" -> registry.update(p.type(), p.namespace(), p.name(), bodies.object(r, p.type()),
                    ObjectRegistry.Part.MAIN, writeOptions(r)).thenApply(o -> replies.json(200, o));
            case "PATCH" -> patch(r, p, ObjectRegistry.Part.MAIN);
            case "DELETE" -> delete(r, p);
            default -> throw Errors.methodNotAllowed(r.method(), r.path());
        };
    }

    private CompletableFuture<ApiResponse> collectionGet(ApiRequest r, ResourcePath p) {
        ListRequest q = ListRequest.of(r, p, options.maxListLimit());
        if (r.flag("watch")) {
            return CompletableFuture.completedFuture(watches.watch(r, p, q));
        }
        return lister.list(r, p, q);
    }

    private CompletableFuture<ApiResponse> create(ApiRequest r, ResourcePath p) {
        ObjectNode body = bodies.object(r, p.type());
        return registry.createJson(p.type(), p.namespace(), body, writeOptions(r))
                .thenApply(json -> ApiResponse.json(201, json));
    }

    /**
     * {@code dryRun=All} (the only value Kubernetes defines; anything else is a 400) and the field manager: the
     * {@code fieldManager} parameter, else the User-Agent's program name ({@code kubectl} of
     * {@code kubectl/v1.32.0 (linux/amd64) ...}), as Kubernetes.
     */
    private static WriteOptions writeOptions(ApiRequest r) {
        Optional<String> asked = r.param("fieldManager");
        if (asked.isPresent() && (asked.get().length() > 128
                || !asked.get().chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw Errors.badRequest("fieldManager: Invalid value: must be at most 128 printable ASCII characters");
        }
        Optional<String> manager = asked.or(() -> Optional.ofNullable(r.header("User-Agent"))
                .map(ResourceHandler::managerOfUserAgent)).filter(m -> !m.isEmpty());
        return new WriteOptions(dryRun(r.query().getOrDefault("dryRun", java.util.List.of())), manager);
    }

    /** The program name of a User-Agent, printable ASCII only, at most 128 characters. */
    private static String managerOfUserAgent(String ua) {
        int slash = ua.indexOf('/');
        String program = slash < 0 ? ua : ua.substring(0, slash);
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                program = NOT_PRINTABLE.matcher(program).replaceAll("");
                break;
            }
        }
        program = program.trim();
        return program.length() > 128 ? program.substring(0, 128) : program;
    }

    private static boolean dryRun(java.util.List<String> values) {
        for (String v : values) {
            if (!v.equals("All")) {
                throw Errors.badRequest("dryRun: Unsupported value: \"" + v + "\": supported values: \"All\"");
            }
        }
        return !values.isEmpty();
    }

    private CompletableFuture<ApiResponse> patch(ApiRequest r, ResourcePath p, ObjectRegistry.Part part) {
        String ct = r.contentType();
        Patches.checkType(ct);
        JsonNode patch = bodies.patch(r);
        return registry.modify(p.type(), p.namespace(), p.name(), current -> {
            String rv = ObjectTrees.resourceVersion(current);
            ObjectNode patched = Patches.apply(ct, current, patch);
            String wanted = ObjectTrees.resourceVersion(patched);
            if (wanted != null && !wanted.equals(rv)) {
                throw Errors.modified(p.group(), p.type().plural(), p.name());
            }
            return patched;
        }, part, Optional.empty(), writeOptions(r)).thenApply(o -> replies.json(200, o));
    }

    private CompletableFuture<ApiResponse> delete(ApiRequest r, ResourcePath p) {
        DeleteOptions options = deleteOptions(r);
        return registry.delete(p.type(), p.namespace(), p.name(), options).thenApply(o -> replies.json(200, o));
    }

    /**
     * Deletes every object a list with the same selectors would show, each as a single DELETE would (graceful,
     * finalizers, propagation), and answers the list of them as they are afterwards (gone or being deleted).
     */
    private CompletableFuture<ApiResponse> deleteCollection(ApiRequest r, ResourcePath p) {
        DeleteOptions options = deleteOptions(r);
        ListRequest q = ListRequest.of(r, p, this.options.maxListLimit());
        return lister.matching(p, q).thenCompose(objects -> {
            List<CompletableFuture<Optional<ObjectNode>>> deletes = new ArrayList<>();
            for (CachedObject o : objects) {
                deletes.add(registry.delete(p.type(), o.namespace(), o.name(), options).thenApply(Optional::of)
                        .exceptionally(e -> {
                            if (Errors.from(e).code() == 404) {
                                return Optional.empty(); // deleted meanwhile by someone else
                            }
                            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                        }));
            }
            return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ObjectNode> items = deletes.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                        .toList();
                long revision = items.stream().mapToLong(i -> Long.parseLong(ObjectTrees.resourceVersion(i)))
                        .max().orElse(0);
                return replies.list(r, p.type(), items.stream().map(replies::bytes).toList(), revision, null);
            });
        });
    }

    private DeleteOptions deleteOptions(ApiRequest r) {
        ObjectNode o = bodies.optionalObject(r);
        Optional<Long> grace = o.hasNonNull("gracePeriodSeconds")
                ? Optional.of(o.get("gracePeriodSeconds").asLong()) : Optional.empty();
        if (grace.isEmpty() && r.param("gracePeriodSeconds").isPresent()) {
            try {
                grace = Optional.of(Long.parseLong(r.param("gracePeriodSeconds").get()));
            } catch (NumberFormatException e) {
                throw Errors.badRequest("gracePeriodSeconds must be an integer");
            }
        }
        JsonNode pre = o.path("preconditions");
        Optional<String> policy = text(o, "propagationPolicy").or(() -> r.param("propagationPolicy"));
        boolean orphan = o.path("orphanDependents").asBoolean(false)
                || r.param("orphanDependents").map(v -> v.equals("true")).orElse(false);
        boolean orphanSet = o.hasNonNull("orphanDependents") || r.param("orphanDependents").isPresent();
        List<FieldError> errors = new ArrayList<>();
        if (policy.isPresent() && orphanSet) {
            errors.add(FieldError.invalid(FieldPath.root("propagationPolicy"), policy.get(),
                    "orphanDependents and deletionPropagation cannot be both set"));
        }
        if (policy.isPresent() && !POLICIES.contains(policy.get())) {
            errors.add(FieldError.notSupported(FieldPath.root("propagationPolicy"), policy.get(), POLICIES));
        }
        if (!errors.isEmpty()) {
            throw Errors.invalid("meta.k8s.io", "DeleteOptions", "", errors);
        }
        if (orphanSet) {
            policy = Optional.of(orphan ? DeleteOptions.ORPHAN : DeleteOptions.BACKGROUND);
        }
        List<String> dry = new ArrayList<>(r.query().getOrDefault("dryRun", List.of()));
        o.path("dryRun").forEach(v -> dry.add(v.asText()));
        return new DeleteOptions(grace, text(pre, "uid"), text(pre, "resourceVersion"), policy, dryRun(dry));
    }

    private CompletableFuture<ApiResponse> subresource(ApiRequest r, ResourcePath p) {
        switch (p.subresource()) {
            case "status":
                return switch (r.method()) {
                    case "GET" -> registry.get(p.type(), p.namespace(), p.name()).thenApply(o -> replies.json(200, o));
                    case "PUT" -> registry.update(p.type(), p.namespace(), p.name(), bodies.object(r, p.type()),
                            ObjectRegistry.Part.STATUS, writeOptions(r)).thenApply(o -> replies.json(200, o));
                    case "PATCH" -> patch(r, p, ObjectRegistry.Part.STATUS);
                    default -> throw Errors.methodNotAllowed(r.method(), r.path());
                };
            case "scale":
                return scale(r, p);
            case "finalize":
                if (!r.method().equals("PUT")) {
                    throw Errors.methodNotAllowed(r.method(), r.path());
                }
                return registry.update(p.type(), p.namespace(), p.name(), bodies.object(r, p.type()),
                        ObjectRegistry.Part.FINALIZE).thenApply(o -> replies.json(200, o));
            case "binding":
                if (!r.method().equals("POST")) {
                    throw Errors.methodNotAllowed(r.method(), r.path());
                }
                return bind(r, p);
            case "log":
                if (!r.method().equals("GET")) {
                    throw Errors.methodNotAllowed(r.method(), r.path());
                }
                return log(r, p);
            default:
                throw Errors.notFoundPath(r.path());
        }
    }

    /** Proxies to the node agent running the pod (see {@link NodeLogProxy}). */
    private CompletableFuture<ApiResponse> log(ApiRequest r, ResourcePath p) {
        if (p.type() != Kinds.PODS) {
            throw Errors.notFoundPath(r.path());
        }
        return registry.get(p.type(), p.namespace(), p.name()).thenCompose(pod -> {
            String node = ObjectTrees.text(pod.get("spec"), "nodeName").orElse(null);
            if (node == null) {
                throw Errors.badRequest("pod \"" + p.name() + "\" has no node yet: no logs to show");
            }
            String container = PodLogRequest.container(r, pod, p.name());
            return registry.get(Kinds.NODES, null, node).thenCompose(n -> logs.proxy(
                    PodLogRequest.nodeUri(r, n, node, p.namespace(), p.name(), container), node));
        });
    }

    private CompletableFuture<ApiResponse> scale(ApiRequest r, ResourcePath p) {
        switch (r.method()) {
            case "GET":
                return registry.get(p.type(), p.namespace(), p.name()).thenApply(o -> replies.json(200, scales.of(o)));
            case "PUT": {
                ObjectNode scale = bodies.object(r, new dev.keel.api.meta.GroupVersionKind("autoscaling", "v1", "Scale"));
                Optional<String> rv = Optional.ofNullable(ObjectTrees.resourceVersion(scale));
                return registry.modify(p.type(), p.namespace(), p.name(), cur -> scales.applyTo(cur, scale),
                        ObjectRegistry.Part.MAIN, rv, writeOptions(r)).thenApply(o -> replies.json(200, scales.of(o)));
            }
            case "PATCH": {
                String ct = r.contentType();
                Patches.checkType(ct);
                JsonNode patch = bodies.patch(r);
                return registry.modify(p.type(), p.namespace(), p.name(),
                        cur -> scales.applyTo(cur, Patches.apply(ct, scales.of(cur), patch)),
                        ObjectRegistry.Part.MAIN, Optional.empty(), writeOptions(r))
                        .thenApply(o -> replies.json(200, scales.of(o)));
            }
            default:
                throw Errors.methodNotAllowed(r.method(), r.path());
        }
    }

    private CompletableFuture<ApiResponse> bind(ApiRequest r, ResourcePath p) {
        ObjectNode binding = bodies.object(r, Binding.GVK);
        String node = ObjectTrees.text(binding.get("target"), "name")
                .orElseThrow(() -> Errors.badRequest("target.name: Required value: the node to bind to"));
        return registry.modify(p.type(), p.namespace(), p.name(), pod -> {
            String current = ObjectTrees.text(pod.get("spec"), "nodeName").orElse(null);
            if (current != null) {
                throw Errors.conflict("", "pods/binding", p.name(), "pod " + p.name() + " is already assigned to node \""
                        + current + "\"");
            }
            if (ObjectTrees.deleting(pod)) {
                throw Errors.conflict("", "pods/binding", p.name(), "pod " + p.name() + " is being deleted");
            }
            ((ObjectNode) pod.get("spec")).put("nodeName", node);
            markScheduled(pod);
            return pod;
        }, ObjectRegistry.Part.BINDING, Optional.empty(), writeOptions(r)).thenApply(o -> replies.success(201));
    }

    /** Sets the PodScheduled condition to True, as Kubernetes' binding does (replacing a stale False). */
    private static void markScheduled(ObjectNode pod) {
        ObjectNode status = pod.get("status") instanceof ObjectNode s ? s : pod.putObject("status");
        com.fasterxml.jackson.databind.node.ArrayNode conditions = status.get("conditions")
                instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a : status.putArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if ("PodScheduled".equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
                break;
            }
        }
        ObjectNode c = conditions.addObject(); // in the form admission writes (no nulls): a binding is not admitted
        c.put("type", "PodScheduled");
        c.put("status", "True");
        c.put("lastTransitionTime", Timestamps.format(java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    private static Optional<String> text(JsonNode n, String field) {
        return ObjectTrees.text(n, field);
    }
}
