package dev.keel.kvstore.mvcc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for tests that cannot use JUnit's @TempDir (jqwik properties). */
public final class TestDirs {
  private TestDirs() {}

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + p, e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + dir, e);
    }
  }
}
