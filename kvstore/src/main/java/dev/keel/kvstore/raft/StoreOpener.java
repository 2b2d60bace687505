package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.MvccStore;
import java.nio.file.Path;

/** Opens (or creates) the store whose database lives in a directory. */
@FunctionalInterface
public interface StoreOpener {

  /**
   * @param dbDir the database directory; it may hold a checkpoint to open as a live database
   */
  MvccStore open(Path dbDir);
}
