package dev.keel.kvstore.raft;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-tree operations on database and checkpoint directories. */
final class DirTrees {

  private DirTrees() {}

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Copies a checkpoint tree into {@code target} (which must not exist), skipping Ratis' *.md5
   * sidecar files. Immutable SST files are hard-linked when possible; everything else (CURRENT,
   * MANIFEST, OPTIONS, which RocksDB may append to or replace) is copied.
   */
  static void copyCheckpoint(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".md5")) {
          return FileVisitResult.CONTINUE;
        }
        Path dest = target.resolve(source.relativize(file).toString());
        if (name.endsWith(".sst")) {
          try {
            Files.createLink(dest, file);
            return FileVisitResult.CONTINUE;
          } catch (IOException | UnsupportedOperationException e) {
            // Different file systems or no hard links: fall through to a copy.
          }
        }
        Files.copy(file, dest);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
