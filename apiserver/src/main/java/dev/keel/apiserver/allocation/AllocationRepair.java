package dev.keel.apiserver.allocation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.Kinds;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.Page;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.SideKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.apiserver.storage.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes the allocation keys match the Services, as Kubernetes' repair loops do: reads every Service and every
 * allocation at one store revision, releases keys no Service holds (left behind when Services leave the store other
 * than through the API, e.g. when a namespace is emptied directly) and claims keys a Service holds but the store
 * lacks (Services written before allocation existed). A release is conditional on the key being unchanged since the
 * read, so it never takes a value a concurrent create has just claimed. Runs at start and every
 * {@link ServiceNetwork#repairInterval()}.
 */
public final class AllocationRepair implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationRepair.class);
    private static final String ALLOCATIONS = "/keel/allocations/";

    private final ObjectStore store;
    private final ServiceAllocator allocator;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keel-allocation-repair");
        t.setDaemon(true);
        return t;
    });

    public AllocationRepair(ObjectStore store, ServiceAllocator allocator, ObjectMapper json) {
        this.store = store;
        this.allocator = allocator;
        this.json = json;
    }

    /** What one pass changed. */
    public record Result(int released, int claimed) {
    }

    public AllocationRepair start() {
        long every = allocator.network().repairInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                repairOnce().get(every, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("repairing service allocations failed: {}", e.toString());
            } catch (Throwable t) {
                LOG.error("repairing service allocations failed", t);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass. */
    public CompletableFuture<Result> repairOnce() {
        return store.list(RegistryKeys.ROOT + Kinds.SERVICES.plural() + "/", "", 0, 0).thenCompose(services ->
                store.list(ALLOCATIONS, "", 0, services.revision()).thenCompose(allocs -> fix(services, allocs)));
    }

    private CompletableFuture<Result> fix(Page services, Page allocations) {
        Map<String, String> wanted = new HashMap<>();
        Map<String, StoredObject> holders = new HashMap<>();
        for (StoredObject s : services.objects()) {
            ObjectNode svc = tree(s);
            if (svc == null) {
                continue;
            }
            String owner = svc.path("metadata").path("namespace").asText() + "/"
                    + svc.path("metadata").path("name").asText();
            for (String key : allocator.keysOf(svc)) {
                String other = wanted.putIfAbsent(key, owner);
                holders.putIfAbsent(key, s);
                if (other != null) {
                    LOG.warn("{} is held by both service {} and service {}", key, other, owner);
                }
            }
        }
        List<CompletableFuture<Boolean>> releases = new ArrayList<>();
        Map<String, StoredObject> held = new HashMap<>();
        for (StoredObject a : allocations.objects()) {
            held.put(a.key(), a);
            if (!wanted.containsKey(a.key())) {
                releases.add(store.delete(a.key(), a).thenApply(r -> r instanceof WriteResult.Written));
            }
        }
        // A claim rewrites the Service unchanged, compare-and-swap on the revision listed, in the same transaction
        // that creates its missing keys: a Service deleted (and its keys released) after the list was read makes the
        // claim fail instead of leaking the key. The rewrite costs the Service one MODIFIED event; repairs are rare.
        Map<StoredObject, List<String>> missing = new HashMap<>();
        wanted.forEach((key, owner) -> {
            if (!held.containsKey(key)) {
                missing.computeIfAbsent(holders.get(key), k -> new ArrayList<>()).add(key);
            }
        });
        List<CompletableFuture<Boolean>> claims = new ArrayList<>();
        missing.forEach((svc, keys) -> claims.add(store.update(svc.key(), svc.modRevision(), svc.value(),
                new SideKeys(keys, List.of(), wanted.get(keys.get(0))))
                .thenApply(r -> r instanceof WriteResult.Written)));
        List<CompletableFuture<Boolean>> all = new ArrayList<>(releases);
        all.addAll(claims);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Result r = new Result((int) releases.stream().filter(CompletableFuture::join).count(),
                    (int) claims.stream().filter(CompletableFuture::join).count());
            if (r.released() > 0 || r.claimed() > 0) {
                LOG.info("service allocations repaired: {} released, {} claimed", r.released(), r.claimed());
            }
            return r;
        });
    }

    private ObjectNode tree(StoredObject s) {
        try {
            return json.readTree(s.value()) instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            LOG.warn("skipping undecodable service {}: {}", s.key(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
