package dev.keel.apiserver.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.validation.FieldError;
import dev.keel.api.validation.FieldPath;
import dev.keel.apiserver.registry.ObjectTrees;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.SideKeys;
import dev.keel.apiserver.storage.StoredObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster IPs and node ports of Services, like Kubernetes' range allocators but with one store key per allocated
 * value ({@code /keel/allocations/serviceips/<ip>}, {@code /keel/allocations/nodeports/<port>}) written in the same
 * transaction as the Service. A Service and its keys therefore always agree, also across apiserver restarts and
 * between concurrent writers: two creates that pick the same free value cannot both commit, and the loser picks
 * again (the registry retries on {@link dev.keel.apiserver.storage.WriteResult.ClaimTaken}).
 *
 * <p>The allocator only plans: {@link #allocate} fills the Service's values and answers the keys to claim and to
 * release; the registry writes them. Requested values are checked (valid, in range, free: 422 naming the field
 * otherwise); missing ones are picked at random among the free ones.
 */
public final class ServiceAllocator {
    public static final String IP_PREFIX = "/keel/allocations/serviceips/";
    public static final String PORT_PREFIX = "/keel/allocations/nodeports/";

    private final ObjectStore store;
    private final ServiceNetwork network;
    private final Ipv4Range range;
    private final Random random;

    public ServiceAllocator(ObjectStore store, ServiceNetwork network, Random random) {
        this.store = store;
        this.network = network;
        this.range = Ipv4Range.parse(network.clusterIpRange());
        this.random = random;
    }

    public ServiceNetwork network() {
        return network;
    }

    /** The allocation keys a Service holds: its cluster IP and node ports that lie in the configured ranges. */
    public Set<String> keysOf(ObjectNode svc) {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode spec = svc.path("spec");
        String type = type(spec);
        if (needsIp(type)) {
            ObjectTrees.text(spec, "clusterIP").filter(ip -> range.indexOf(ip).isPresent())
                    .ifPresent(ip -> keys.add(IP_PREFIX + ip));
        }
        if (needsNodePorts(type)) {
            for (JsonNode p : spec.path("ports")) {
                int np = p.path("nodePort").asInt(0);
                if (np >= network.nodePortMin() && np <= network.nodePortMax()) {
                    keys.add(PORT_PREFIX + np);
                }
            }
        }
        return keys;
    }

    /**
     * Prepares an update as Kubernetes does: values the update leaves out are copied from the stored Service
     * ({@code patchAllocatedValues}), so a PUT or apply without {@code clusterIP} or {@code nodePort} keeps them;
     * values a type change makes meaningless are dropped when the update kept them unchanged
     * ({@code dropTypeDependentFields}): the cluster IP of a Service turned ExternalName, the node ports of one
     * turned ClusterIP or ExternalName.
     */
    public void keepAllocated(ObjectNode old, ObjectNode desired) {
        JsonNode oldSpec = old.path("spec");
        if (!(desired.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        String oldType = type(oldSpec);
        String newType = type(spec);
        if (needsIp(oldType) && needsIp(newType)) {
            if (ObjectTrees.text(spec, "clusterIP").isEmpty() && oldSpec.hasNonNull("clusterIP")) {
                spec.set("clusterIP", oldSpec.get("clusterIP"));
            }
            if (spec.path("clusterIPs").isEmpty() && oldSpec.hasNonNull("clusterIPs")) {
                spec.set("clusterIPs", oldSpec.get("clusterIPs"));
            }
        } else if (needsIp(oldType) && oldSpec.path("clusterIP").equals(spec.path("clusterIP"))) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
        }
        if (!(spec.get("ports") instanceof ArrayNode ps)) {
            return;
        }
        for (JsonNode p : ps) {
            if (!(p instanceof ObjectNode port)) {
                continue;
            }
            int wanted = port.path("nodePort").asInt(0);
            for (JsonNode o : oldSpec.path("ports")) {
                int had = o.path("nodePort").asInt(0);
                if (had == 0 || o.path("port").asInt() != port.path("port").asInt()
                        || !protocol(o).equals(protocol(port))) {
                    continue;
                }
                if (needsNodePorts(oldType) && needsNodePorts(newType) && wanted == 0) {
                    port.put("nodePort", had);
                } else if (!needsNodePorts(newType) && wanted == had) {
                    port.remove("nodePort");
                }
            }
        }
    }

    /**
     * Checks the Service's requested values, fills the missing ones (in {@code svc}, in place) and answers the keys
     * to claim and release relative to {@code old} (null on create). Fails with 422 for a bad or taken request.
     */
    public CompletableFuture<SideKeys> allocate(ObjectNode old, ObjectNode svc) {
        String name = ObjectTrees.name(svc);
        ObjectNode spec = svc.get("spec") instanceof ObjectNode s ? s : svc.putObject("spec");
        Set<String> held = old == null ? Set.of() : keysOf(old);
        List<FieldError> errors = new ArrayList<>();
        List<Request> requested = new ArrayList<>();
        boolean pickIp = planIp(old, spec, held, errors, requested);
        List<ObjectNode> pickPorts = planPorts(spec, held, errors, requested);
        if (!errors.isEmpty()) {
            return CompletableFuture.failedFuture(Errors.invalid("", "Service", name, errors));
        }
        CompletableFuture<Void> checked = checkFree(name, requested);
        if (pickIp) {
            checked = checked.thenCompose(v -> used(IP_PREFIX)).thenAccept(used -> {
                String ip = pickIp(used);
                spec.put("clusterIP", ip);
                spec.putArray("clusterIPs").add(ip);
            });
        }
        if (!pickPorts.isEmpty()) {
            checked = checked.thenCompose(v -> used(PORT_PREFIX)).thenAccept(used -> {
                for (JsonNode p : spec.path("ports")) {
                    used.add(PORT_PREFIX + p.path("nodePort").asInt(0));
                }
                for (ObjectNode port : pickPorts) {
                    int np = pickPort(used);
                    used.add(PORT_PREFIX + np);
                    port.put("nodePort", np);
                }
            });
        }
        String owner = ObjectTrees.namespace(svc) + "/" + name;
        return checked.thenApply(v -> {
            Set<String> now = keysOf(svc);
            List<String> claims = now.stream().filter(k -> !held.contains(k)).toList();
            List<String> releases = held.stream().filter(k -> !now.contains(k)).toList();
            return new SideKeys(claims, releases, owner);
        });
    }

    /** The keys a deleted Service gives back. */
    public SideKeys release(ObjectNode svc) {
        return new SideKeys(List.of(), List.copyOf(keysOf(svc)), "");
    }

    /** A value the client asked for: its key, and the 422 cause if it is taken. */
    private record Request(String key, FieldError ifTaken) {
    }

    /** Checks spec.clusterIP(s); true when one must be picked. */
    private boolean planIp(ObjectNode old, ObjectNode spec, Set<String> held, List<FieldError> errors,
                           List<Request> requested) {
        FieldPath ipPath = FieldPath.root("spec").child("clusterIP");
        String type = type(spec);
        String ip = ObjectTrees.text(spec, "clusterIP").orElse("");
        JsonNode ips = spec.path("clusterIPs");
        if (ip.isEmpty() && !ips.isEmpty()) {
            ip = ips.get(0).asText();
            spec.put("clusterIP", ip);
        } else if (!ips.isEmpty() && !ips.get(0).asText().equals(ip)) {
            errors.add(FieldError.invalid(FieldPath.root("spec").child("clusterIPs").index(0), ips.get(0).asText(),
                    "must match the value of spec.clusterIP"));
        }
        if (ips.size() > 1) {
            errors.add(FieldError.invalid(FieldPath.root("spec").child("clusterIPs"), ips.toString(),
                    "only one IPv4 cluster IP is served"));
        }
        if (!needsIp(type)) {
            if (!ip.isEmpty()) {
                errors.add(FieldError.forbidden(ipPath, "may not be set for ExternalName services"));
            }
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
            return false;
        }
        String oldIp = old == null || !needsIp(type(old.path("spec"))) ? ""
                : ObjectTrees.text(old.path("spec"), "clusterIP").orElse("");
        if (!oldIp.isEmpty() && !oldIp.equals(ip)) {
            errors.add(FieldError.invalid(ipPath, ip, "field is immutable"));
            return false;
        }
        if (ip.equals("None")) {
            spec.putArray("clusterIPs").add("None");
            return false;
        }
        if (ip.isEmpty()) {
            return true;
        }
        if (Ipv4Range.toLong(ip).isEmpty()) {
            errors.add(FieldError.invalid(ipPath, ip, "must be a valid IPv4 address"));
        } else if (range.indexOf(ip).isEmpty()) {
            if (!ip.equals(oldIp)) {
                errors.add(FieldError.invalid(ipPath, ip, "provided IP is not in the valid range. The range of "
                        + "valid IPs is " + range.cidr()));
            }
        } else if (!held.contains(IP_PREFIX + ip)) {
            requested.add(new Request(IP_PREFIX + ip, FieldError.invalid(ipPath, ip,
                    "provided IP is already allocated")));
        }
        spec.putArray("clusterIPs").add(ip);
        return false;
    }

    /** Checks requested node ports; answers the ports that need one picked. */
    private List<ObjectNode> planPorts(ObjectNode spec, Set<String> held, List<FieldError> errors,
                                       List<Request> requested) {
        List<ObjectNode> pick = new ArrayList<>();
        if (!needsNodePorts(type(spec)) || !(spec.get("ports") instanceof ArrayNode ports)) {
            return pick;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof ObjectNode port)) {
                continue;
            }
            FieldPath path = FieldPath.root("spec").child("ports").index(i).child("nodePort");
            int np = port.path("nodePort").asInt(0);
            if (np == 0) {
                pick.add(port);
                continue;
            }
            if (!seen.add(protocol(port) + "/" + np)) {
                errors.add(FieldError.duplicate(path, np));
            } else if (np < network.nodePortMin() || np > network.nodePortMax()) {
                errors.add(FieldError.invalid(path, np, "provided port is not in the valid range. The range of "
                        + "valid ports is " + network.nodePortRange()));
            } else if (!held.contains(PORT_PREFIX + np)
                    && requested.stream().noneMatch(r -> r.key().equals(PORT_PREFIX + np))) {
                requested.add(new Request(PORT_PREFIX + np, FieldError.invalid(path, np,
                        "provided port is already allocated")));
            }
        }
        return pick;
    }

    private CompletableFuture<Void> checkFree(String name, List<Request> requested) {
        List<CompletableFuture<Optional<FieldError>>> checks = new ArrayList<>();
        for (Request r : requested) {
            checks.add(store.get(r.key()).thenApply(found -> found.map(f -> r.ifTaken())));
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenAccept(v -> {
            List<FieldError> taken = checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
            if (!taken.isEmpty()) {
                throw Errors.invalid("", "Service", name, taken);
            }
        });
    }

    private CompletableFuture<Set<String>> used(String prefix) {
        return store.list(prefix, "", 0, 0).thenApply(page -> {
            Set<String> keys = new HashSet<>();
            for (StoredObject o : page.objects()) {
                keys.add(o.key());
            }
            return keys;
        });
    }

    private String pickIp(Set<String> used) {
        long span = range.last() - range.first() + 1;
        long start = Math.floorMod(random.nextLong(), span);
        for (long i = 0; i < span; i++) {
            String ip = range.addressAt(range.first() + (start + i) % span);
            if (!used.contains(IP_PREFIX + ip)) {
                return ip;
            }
        }
        throw Errors.unavailable("no cluster IP is free in " + range.cidr() + ": the range is full");
    }

    private int pickPort(Set<String> used) {
        int span = network.nodePortMax() - network.nodePortMin() + 1;
        int start = random.nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = network.nodePortMin() + (start + i) % span;
            if (!used.contains(PORT_PREFIX + port)) {
                return port;
            }
        }
        throw Errors.unavailable("no node port is free in " + network.nodePortRange() + ": the range is full");
    }

    private static String type(JsonNode spec) {
        return ObjectTrees.text(spec, "type").orElse("ClusterIP");
    }

    private static String protocol(JsonNode port) {
        return ObjectTrees.text(port, "protocol").orElse("TCP");
    }

    private static boolean needsIp(String type) {
        return !type.equals("ExternalName");
    }

    private static boolean needsNodePorts(String type) {
        return type.equals("NodePort") || type.equals("LoadBalancer");
    }
}
