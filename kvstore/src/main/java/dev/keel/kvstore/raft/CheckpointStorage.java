package dev.keel.kvstore.raft;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Snapshots as store checkpoints: one {@code snap_<term>_<index>/} directory per checkpoint in the
 * Ratis state-machine directory ({@code <raft>/<group>/sm/}). Ratis sends every file of the newest
 * one to a lagging follower, where the received tree replaces the whole directory.
 *
 * <p>The directory is always rescanned: after an installation it has changed under us (cf.
 * RATIS-2111, where cached snapshot info went stale). Thread-safe.
 */
final class CheckpointStorage implements StateMachineStorage {

  private static final String TMP_PREFIX = "tmp_";

  private final int retained;
  private volatile Path smDir;

  /** @param retained how many checkpoints {@link #cleanupOldSnapshots} keeps, >= 1 */
  CheckpointStorage(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("retained checkpoints must be >= 1, got " + retained);
    }
    this.retained = retained;
  }

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    smDir = raftStorage.getStorageDir().getStateMachineDir().toPath();
    Files.createDirectories(smDir);
    try (Stream<Path> entries = Files.list(smDir)) {
      for (Path tmp : entries.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
        DirTrees.deleteRecursively(tmp);
      }
    }
  }

  Path dir() {
    Path dir = smDir;
    if (dir == null) {
      throw new IllegalStateException("checkpoint storage used before init");
    }
    return dir;
  }

  /** A fresh temporary directory name (not created) for a checkpoint being written. */
  Path newTempDir() {
    return dir().resolve(TMP_PREFIX + System.nanoTime());
  }

  /** Renames a finished checkpoint into place; returns the existing one if it is already there. */
  SnapshotDir publish(Path tempDir, long term, long index) throws IOException {
    Path target = dir().resolve(SnapshotDir.name(term, index));
    if (Files.exists(target)) {
      DirTrees.deleteRecursively(tempDir);
    } else {
      Files.move(tempDir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return new SnapshotDir(term, index, target);
  }

  /** Complete checkpoints, oldest first. */
  List<SnapshotDir> list() {
    Path dir = smDir;
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory)
          .map(SnapshotDir::parse)
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing snapshots in " + dir, e);
    }
  }

  Optional<SnapshotDir> latest() {
    List<SnapshotDir> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest().map(CheckpointStorage::toInfo).orElse(null);
  }

  private static SnapshotInfo toInfo(SnapshotDir snapshot) {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(snapshot.path())) {
      tree.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".md5"))
          .sorted(Comparator.naturalOrder())
          .forEach(p -> files.add(new FileInfo(p.toAbsolutePath(), null)));
    } catch (IOException e) {
      throw new UncheckedIOException("listing files of snapshot " + snapshot.path(), e);
    }
    return new FileListSnapshotInfo(files, snapshot.termIndex());
  }

  @Override
  public void format() {
    // Nothing to format: the directory is created by init.
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    List<SnapshotDir> all = list();
    for (int i = 0; i < all.size() - retained; i++) {
      DirTrees.deleteRecursively(all.get(i).path());
    }
  }

  @Override
  public File getSnapshotDir() {
    return dir().toFile();
  }
}
