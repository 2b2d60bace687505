package dev.keel.kvstore.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database under the MVCC store: one database with the column families of
 * {@link Column}, opened with explicitly chosen options. Owns every native handle it creates and
 * releases them in {@link #close()}, in reverse order of creation.
 *
 * <p>Durability: with the WAL on, a write survives a process kill (not a power loss: the WAL is
 * not synced, the Raft log is). With the WAL off, a write survives only once flushed; atomic flush
 * keeps all column families at the same point, so a crash leaves a state that was committed as a
 * whole (the meta column family's applied index says which).
 */
public final class RocksBackend implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final LRUCache blockCache;
  private final BloomFilter bloomFilter;
  private final ColumnFamilyOptions cfOptions;
  private final DBOptions dbOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private boolean closed;

  private RocksBackend(Path dir, boolean disableWal) throws RocksDBException {
    this.dir = dir;
    this.blockCache = new LRUCache(64L << 20);
    this.bloomFilter = new BloomFilter(10, false);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setFilterPolicy(bloomFilter)
        .setBlockSize(16 * 1024);
    this.cfOptions = new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setWriteBufferSize(32L << 20)
        .optimizeLevelStyleCompaction();
    this.dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setAtomicFlush(disableWal)
        .setMaxBackgroundJobs(2);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (Column column : Column.values()) {
      descriptors.add(new ColumnFamilyDescriptor(column.id(), cfOptions));
    }
    this.handles = new ArrayList<>();
    this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    this.writeOptions = new WriteOptions().setDisableWAL(disableWal).setSync(false);
  }

  /** Opens (creating if missing) the database in {@code dir}. */
  public static RocksBackend open(Path dir, boolean disableWal) {
    try {
      Files.createDirectories(dir);
      return new RocksBackend(dir, disableWal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create store directory " + dir, e);
    } catch (RocksDBException e) {
      throw new BackendException("open RocksDB at " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The handle of a column family, for staging writes into a batch. */
  public ColumnFamilyHandle handle(Column column) {
    return handles.get(column.ordinal() + 1);
  }

  /** A point read of the latest committed value, empty when absent. */
  public byte[] get(Column column, byte[] key) {
    try {
      return db.get(handle(column), key);
    } catch (RocksDBException e) {
      throw new BackendException("get from " + column, e);
    }
  }

  /** A point read through a pending batch (the batch's own writes win). Null when absent. */
  public byte[] get(WriteBatchWithIndex batch, ReadOptions options, Column column, byte[] key) {
    try {
      return batch.getFromBatchAndDB(db, handle(column), options, key);
    } catch (RocksDBException e) {
      throw new BackendException("get through batch from " + column, e);
    }
  }

  /** A point read at a snapshot. Null when absent. */
  public byte[] get(ReadOptions options, Column column, byte[] key) {
    try {
      return db.get(handle(column), options, key);
    } catch (RocksDBException e) {
      throw new BackendException("get from " + column, e);
    }
  }

  public RocksIterator iterator(Column column, ReadOptions options) {
    return db.newIterator(handle(column), options);
  }

  /** An iterator over the database merged with the batch's pending writes. */
  public RocksIterator iterator(WriteBatchWithIndex batch, Column column, ReadOptions options) {
    return batch.newIteratorWithBase(handle(column), db.newIterator(handle(column), options), options);
  }

  public Snapshot snapshot() {
    return db.getSnapshot();
  }

  public void releaseSnapshot(Snapshot snapshot) {
    db.releaseSnapshot(snapshot);
  }

  /** Commits a batch atomically across column families. */
  public void write(WriteBatchWithIndex batch) {
    try {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new BackendException("write batch of " + batch.count() + " entries", e);
    }
  }

  /** Flushes every memtable to disk and waits; afterwards everything written is durable. */
  public void flush() {
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, handles);
    } catch (RocksDBException e) {
      throw new BackendException("flush", e);
    }
  }

  /** Flushes, then writes a checkpoint (hard links where possible) into {@code target}. */
  public void checkpoint(Path target) {
    flush();
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new BackendException("checkpoint into " + target, e);
    }
  }

  /** Approximate size of the live SST and memtable data, in bytes. */
  public long approximateSize() {
    long total = 0;
    try {
      for (ColumnFamilyHandle handle : handles) {
        total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
        total += db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
      }
    } catch (RocksDBException e) {
      throw new BackendException("read size properties", e);
    }
    return total;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    writeOptions.close();
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    dbOptions.close();
    cfOptions.close();
    bloomFilter.close();
    blockCache.close();
  }
}
