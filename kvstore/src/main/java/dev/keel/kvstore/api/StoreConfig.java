package dev.keel.kvstore.api;

import java.nio.file.Path;

/**
 * Configuration of a RocksDB-backed {@link MvccStore}.
 *
 * @param dataDir directory of the RocksDB database (created when missing)
 * @param disableWal turn RocksDB's own write-ahead log off. Safe only when another log (Raft)
 *     can replay what was lost: the store then uses atomic flush so that a crash leaves all column
 *     families at the same applied index. Default false.
 * @param maxRequestBytes largest accepted request, in bytes (etcd's default: 1.5 MiB)
 * @param maxTxnOps largest number of compares or operations in one txn branch (etcd: 128)
 * @param watchBufferRevisions how many revisions a watcher may have queued before it is moved
 *     aside to catch up from disk (default 1024)
 * @param watchCatchUpRevisions most revisions read from disk in one catch-up step (default 1000)
 */
public record StoreConfig(
    Path dataDir,
    boolean disableWal,
    int maxRequestBytes,
    int maxTxnOps,
    int watchBufferRevisions,
    int watchCatchUpRevisions) {

  public static final int DEFAULT_MAX_REQUEST_BYTES = 1572864;
  public static final int DEFAULT_MAX_TXN_OPS = 128;

  public StoreConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir must be set");
    }
    if (maxRequestBytes <= 0 || maxTxnOps <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBytes and maxTxnOps must be > 0, got " + maxRequestBytes + "/" + maxTxnOps);
    }
    if (watchBufferRevisions <= 0 || watchCatchUpRevisions <= 0) {
      throw new IllegalArgumentException("watch buffer and catch-up sizes must be > 0");
    }
  }

  /** Defaults for a store in {@code dataDir}. */
  public static StoreConfig of(Path dataDir) {
    return new StoreConfig(dataDir, false, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_TXN_OPS, 1024, 1000);
  }

  public StoreConfig withDisableWal(boolean disable) {
    return new StoreConfig(
        dataDir, disable, maxRequestBytes, maxTxnOps, watchBufferRevisions, watchCatchUpRevisions);
  }

  public StoreConfig withWatchBufferRevisions(int revisions) {
    return new StoreConfig(
        dataDir, disableWal, maxRequestBytes, maxTxnOps, revisions, watchCatchUpRevisions);
  }
}
