package dev.keel.apiserver.storage;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KeyRanges;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.TxnBuilder;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The apiserver's view of the store: objects as bytes under string keys, with etcd's compare-and-swap on the mod
 * revision. Every method is asynchronous and completes on a client thread; failures are the client's
 * ({@code KvException}, gRPC status). Thread-safe.
 */
public final class ObjectStore {
    private final KvClient client;

    public ObjectStore(KvClient client) {
        this.client = client;
    }

    public CompletableFuture<Optional<StoredObject>> get(String key) {
        return client.rangeAsync(RangeRequest.newBuilder().setKey(bytes(key)).build())
                .thenApply(r -> r.getKvsCount() == 0 ? Optional.empty() : Optional.of(object(r.getKvs(0))));
    }

    /** Writes {@code value} only if {@code key} does not exist. */
    public CompletableFuture<WriteResult> create(String key, byte[] value) {
        return create(key, value, SideKeys.NONE);
    }

    /** Writes {@code value} only if {@code key} does not exist, claiming and releasing {@code side} with it. */
    public CompletableFuture<WriteResult> create(String key, byte[] value, SideKeys side) {
        ByteString k = bytes(key);
        TxnBuilder t = client.txn().ifCreateRevision(k, Compare.CompareResult.EQUAL, 0).thenPut(k, ByteString.copyFrom(value));
        return commit(t, k, side, Optional.empty(), current -> current.isEmpty());
    }

    /** Replaces {@code key}'s value only if its mod revision is still {@code expectedModRevision}. */
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value) {
        return update(key, expectedModRevision, value, SideKeys.NONE);
    }

    /** As {@link #update(String, long, byte[])}, claiming and releasing {@code side} in the same transaction. */
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value, SideKeys side) {
        ByteString k = bytes(key);
        TxnBuilder t = client.txn().ifModRevision(k, Compare.CompareResult.EQUAL, expectedModRevision)
                .thenPut(k, ByteString.copyFrom(value));
        return commit(t, k, side, Optional.empty(),
                current -> current.isPresent() && current.get().modRevision() == expectedModRevision);
    }

    /** Deletes {@code key} only if its mod revision is still {@code expectedModRevision}. */
    public CompletableFuture<WriteResult> delete(String key, StoredObject expected) {
        return delete(key, expected, SideKeys.NONE);
    }

    /** As {@link #delete(String, StoredObject)}, releasing (and claiming) {@code side} in the same transaction. */
    public CompletableFuture<WriteResult> delete(String key, StoredObject expected, SideKeys side) {
        ByteString k = bytes(key);
        TxnBuilder t = client.txn().ifModRevision(k, Compare.CompareResult.EQUAL, expected.modRevision()).thenDelete(k);
        return commit(t, k, side, Optional.of(expected),
                current -> current.isPresent() && current.get().modRevision() == expected.modRevision());
    }

    /**
     * Adds the side keys to a transaction on {@code k} and commits it. On failure the else branch reads the object
     * and every claim, to tell a failed object condition ({@code objectHeld} false) from a taken claim.
     */
    private CompletableFuture<WriteResult> commit(TxnBuilder t, ByteString k, SideKeys side,
                                                  Optional<StoredObject> previous,
                                                  java.util.function.Predicate<Optional<StoredObject>> objectHeld) {
        ByteString owner = ByteString.copyFromUtf8(side.owner());
        t.elseGet(k);
        for (String claim : side.claims()) {
            ByteString c = bytes(claim);
            t.ifCreateRevision(c, Compare.CompareResult.EQUAL, 0).thenPut(c, owner).elseGet(c);
        }
        for (String release : side.releases()) {
            t.thenDelete(bytes(release));
        }
        return t.commitAsync().thenApply(r -> {
            if (r.getSucceeded()) {
                return new WriteResult.Written(r.getHeader().getRevision(), previous);
            }
            Optional<StoredObject> current = first(r.getResponses(0).getResponseRange());
            if (!objectHeld.test(current)) {
                return new WriteResult.Rejected(current);
            }
            for (int i = 0; i < side.claims().size(); i++) {
                if (r.getResponses(i + 1).getResponseRange().getKvsCount() > 0) {
                    return new WriteResult.ClaimTaken(side.claims().get(i));
                }
            }
            return new WriteResult.Rejected(current); // changed and changed back between the compare and the read
        });
    }

    private static Optional<StoredObject> first(RangeResponse r) {
        return r.getKvsCount() == 0 ? Optional.empty() : Optional.of(object(r.getKvs(0)));
    }

    /**
     * Reads keys with {@code prefix} from {@code fromKey} (inclusive; "" = the prefix start), at most {@code limit}
     * (0 = all), at {@code revision} (0 = latest).
     */
    public CompletableFuture<Page> list(String prefix, String fromKey, int limit, long revision) {
        ByteString p = bytes(prefix);
        RangeRequest.Builder r = RangeRequest.newBuilder()
                .setKey(fromKey.isEmpty() ? p : bytes(fromKey))
                .setRangeEnd(KeyRanges.prefixEnd(p))
                .setLimit(limit)
                .setRevision(revision);
        return client.rangeAsync(r.build()).thenApply(ObjectStore::page);
    }

    /** The store's current revision. */
    public CompletableFuture<Long> revision() {
        return client.rangeAsync(RangeRequest.newBuilder().setKey(bytes("/registry/")).setCountOnly(true).build())
                .thenApply(r -> r.getHeader().getRevision());
    }

    private static Page page(RangeResponse r) {
        List<StoredObject> objects = r.getKvsList().stream().map(ObjectStore::object).toList();
        return new Page(objects, r.getHeader().getRevision(), r.getMore());
    }

    static StoredObject object(KeyValue kv) {
        return new StoredObject(kv.getKey().toStringUtf8(), kv.getValue().toByteArray(), kv.getModRevision(),
                kv.getCreateRevision());
    }

    static ByteString bytes(String key) {
        return ByteString.copyFrom(key, StandardCharsets.UTF_8);
    }
}
