package dev.keel.bench.store;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A store in a temporary directory for one benchmark trial, with its own log index counter. */
final class StoreFixture implements AutoCloseable {
  final RocksMvccStore store;
  private final Path dir;
  private long index;

  StoreFixture(boolean disableWal) {
    try {
      this.dir = Files.createTempDirectory("keel-bench-store");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.store = RocksMvccStore.open(StoreConfig.of(dir).withDisableWal(disableWal));
  }

  long nextIndex() {
    return ++index;
  }

  /** A 16-byte key for {@code n}: "key-" and 12 zero-padded digits. */
  static ByteString key(long n) {
    return ByteString.copyFromUtf8(String.format("key-%012d", n));
  }

  static ByteString value(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return ByteString.copyFrom(bytes);
  }

  @Override
  public void close() {
    store.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("clean up " + dir, e);
    }
  }
}
