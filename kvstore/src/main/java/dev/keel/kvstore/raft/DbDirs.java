package dev.keel.kvstore.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The live database directories {@code <data>/db-<n>}, kept outside the Ratis snapshot directory
 * (an installed snapshot replaces that whole directory). A new generation {@code n+1} is made when
 * a snapshot is installed; it is assembled under {@code db-<n+1>.tmp} and renamed, so the highest
 * complete generation is always the live one and a crash mid-copy leaves only a temporary dir.
 */
final class DbDirs {

  private static final String PREFIX = "db-";
  private static final String TMP_SUFFIX = ".tmp";

  private final Path dataDir;

  DbDirs(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The newest complete generation, after removing leftovers of interrupted copies. */
  Optional<Path> current() throws IOException {
    Files.createDirectories(dataDir);
    for (Path tmp : entries().filter(p -> p.getFileName().toString().endsWith(TMP_SUFFIX)).toList()) {
      DirTrees.deleteRecursively(tmp);
    }
    return generations().stream().max(Comparator.comparingLong(DbDirs::generation));
  }

  /** The directory for an empty database, when there is no generation yet. */
  Path first() {
    return dataDir.resolve(PREFIX + 1);
  }

  /** Copies a checkpoint into a new generation and returns its directory. */
  Path installFrom(Path checkpoint) throws IOException {
    long next = generations().stream().mapToLong(DbDirs::generation).max().orElse(0) + 1;
    Path target = dataDir.resolve(PREFIX + next);
    Path tmp = dataDir.resolve(PREFIX + next + TMP_SUFFIX);
    DirTrees.deleteRecursively(tmp);
    DirTrees.copyCheckpoint(checkpoint, tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Deletes every generation but {@code keep}. */
  void deleteAllExcept(Path keep) throws IOException {
    for (Path dir : generations()) {
      if (!dir.equals(keep)) {
        DirTrees.deleteRecursively(dir);
      }
    }
  }

  private List<Path> generations() throws IOException {
    return entries().filter(Files::isDirectory)
        .filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
        .toList();
  }

  private Stream<Path> entries() throws IOException {
    try (Stream<Path> list = Files.list(dataDir)) {
      return list.toList().stream();
    }
  }

  private static long generation(Path dir) {
    return Long.parseLong(dir.getFileName().toString().substring(PREFIX.length()));
  }
}
