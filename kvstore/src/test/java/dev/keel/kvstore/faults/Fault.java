package dev.keel.kvstore.faults;

/**
 * One fault a {@link Nemesis} injects and later heals. The victim is chosen when the fault starts,
 * from the cluster as it is then ({@link Target}), with the run's random source.
 */
sealed interface Fault {

  /** Which member a fault hits. */
  enum Target { LEADER, FOLLOWER, ANY }

  /** SIGKILL, then a restart on the same data dir when healed. */
  record Kill(Target target) implements Fault {
    @Override
    public String toString() {
      return "kill " + target.name().toLowerCase();
    }
  }

  /** SIGSTOP, then SIGCONT when healed. */
  record Pause(Target target) implements Fault {
    @Override
    public String toString() {
      return "pause " + target.name().toLowerCase();
    }
  }

  /** Cuts the target off from every other member (minority of one against the majority). */
  record Isolate(Target target) implements Fault {
    @Override
    public String toString() {
      return "isolate " + target.name().toLowerCase();
    }
  }

  /**
   * A bridge: the target still talks to both others, which cannot talk to each other (no majority
   * is cut off, but two members each see only half the world).
   */
  record Bridge(Target target) implements Fault {
    @Override
    public String toString() {
      return "bridge through " + target.name().toLowerCase();
    }
  }

  /** Removes the target from the group (and wipes it); healing adds it back as a new member. */
  record MemberChange(Target target) implements Fault {
    @Override
    public String toString() {
      return "remove and re-add " + target.name().toLowerCase();
    }
  }

  /**
   * Keeps a follower down until the others have written enough for their log to be purged, so it
   * must catch up through a snapshot when it comes back.
   */
  record SnapshotCatchUp() implements Fault {
    @Override
    public String toString() {
      return "kill follower until the log is purged";
    }
  }
}
