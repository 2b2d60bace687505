package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.api.StoreConfig;
import java.nio.file.Path;

/**
 * The child process of {@link RocksMvccStoreCrashTest}: applies {@link CrashWorkload} entries
 * forever (until killed), reporting progress on stdout: "applied N" every 25 entries and, with the
 * WAL off, "durable N" after each checkpoint (a checkpoint flushes, so N must survive the kill).
 *
 * <p>Arguments: data directory, disableWal (true/false).
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean disableWal = Boolean.parseBoolean(args[1]);
    try (RocksMvccStore store = RocksMvccStore.open(StoreConfig.of(dir).withDisableWal(disableWal))) {
      for (long index = store.appliedIndex() + 1; ; index++) {
        store.apply(index, 1, CrashWorkload.entry(index));
        if (index % 25 == 0) {
          System.out.println("applied " + index);
          System.out.flush();
        }
        if (disableWal && index % 150 == 0) {
          Path checkpoint = dir.resolveSibling("checkpoint-" + index);
          long durable = store.checkpoint(checkpoint).index();
          TestDirs.deleteRecursively(checkpoint);
          System.out.println("durable " + durable);
          System.out.flush();
        }
      }
    }
  }
}
