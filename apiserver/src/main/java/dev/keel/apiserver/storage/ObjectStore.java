package dev.keel.apiserver.storage;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KeyRanges;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnResponse;

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
        ByteString k = bytes(key);
        return client.txn().ifCreateRevision(k, Compare.CompareResult.EQUAL, 0)
                .thenPut(k, ByteString.copyFrom(value)).elseGet(k).commitAsync()
                .thenApply(t -> result(t, Optional.empty()));
    }

    /** Replaces {@code key}'s value only if its mod revision is still {@code expectedModRevision}. */
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value) {
        ByteString k = bytes(key);
        return client.txn().ifModRevision(k, Compare.CompareResult.EQUAL, expectedModRevision)
                .thenPut(k, ByteString.copyFrom(value)).elseGet(k).commitAsync()
                .thenApply(t -> result(t, Optional.empty()));
    }

    /** Deletes {@code key} only if its mod revision is still {@code expectedModRevision}. */
    public CompletableFuture<WriteResult> delete(String key, StoredObject expected) {
        ByteString k = bytes(key);
        return client.txn().ifModRevision(k, Compare.CompareResult.EQUAL, expected.modRevision())
                .thenDelete(k).elseGet(k).commitAsync()
                .thenApply(t -> result(t, Optional.of(expected)));
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

    private static WriteResult result(TxnResponse t, Optional<StoredObject> previous) {
        if (t.getSucceeded()) {
            return new WriteResult.Written(t.getHeader().getRevision(), previous);
        }
        RangeResponse current = t.getResponses(0).getResponseRange();
        return new WriteResult.Rejected(current.getKvsCount() == 0 ? Optional.empty()
                : Optional.of(object(current.getKvs(0))));
    }

    static StoredObject object(KeyValue kv) {
        return new StoredObject(kv.getKey().toStringUtf8(), kv.getValue().toByteArray(), kv.getModRevision(),
                kv.getCreateRevision());
    }

    static ByteString bytes(String key) {
        return ByteString.copyFrom(key, StandardCharsets.UTF_8);
    }
}
