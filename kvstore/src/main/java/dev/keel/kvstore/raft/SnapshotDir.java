package dev.keel.kvstore.raft;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.server.protocol.TermIndex;

/**
 * One complete store checkpoint in the Ratis state-machine directory, named
 * {@code snap_<term>_<index>}: the checkpoint contains every log entry up to and including
 * {@code index}. Checkpoints are written under a temporary name and renamed, so a directory with
 * this name is always complete.
 */
record SnapshotDir(long term, long index, Path path) implements Comparable<SnapshotDir> {

  private static final Pattern NAME = Pattern.compile("snap_(\\d+)_(\\d+)");

  static String name(long term, long index) {
    return "snap_" + term + "_" + index;
  }

  /** The snapshot named by {@code path}'s last element, if it follows the naming scheme. */
  static Optional<SnapshotDir> parse(Path path) {
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SnapshotDir(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), path));
  }

  TermIndex termIndex() {
    return TermIndex.valueOf(term, index);
  }

  @Override
  public int compareTo(SnapshotDir other) {
    int byIndex = Long.compare(index, other.index);
    return byIndex != 0 ? byIndex : Long.compare(term, other.term);
  }
}
