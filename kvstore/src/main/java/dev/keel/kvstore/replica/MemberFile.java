package dev.keel.kvstore.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <data>/member}: which member and cluster own a data directory, so a replica started on
 * another member's directory fails with a clear message instead of joining with the wrong log.
 */
final class MemberFile {

  private MemberFile() {}

  /** Writes the owner on first use; otherwise checks it is {@code memberId} of {@code cluster}. */
  static void claim(Path dataDir, String memberId, String cluster) {
    Path file = dataDir.resolve("member");
    String owner = "member=" + memberId + "\ncluster=" + cluster + "\n";
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        Path tmp = dataDir.resolve("member.tmp");
        Files.writeString(tmp, owner, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      String found = Files.readString(file, StandardCharsets.UTF_8);
      if (!found.equals(owner)) {
        throw new IllegalStateException("data dir " + dataDir + " belongs to "
            + found.strip().replace('\n', ' ') + ", not member=" + memberId + " cluster=" + cluster
            + "; use that member's id or another --data-dir");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim data dir " + dataDir + " for member " + memberId, e);
    }
  }
}
