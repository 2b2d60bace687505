package dev.keel.kvstore.raft;

import dev.keel.kvstore.proto.ResponseHeader;
import java.util.function.LongSupplier;

/** Fills the cluster, member and term fields etcd puts on every top-level reply. */
final class Headers {

  private final long clusterId;
  private final long memberId;
  private final LongSupplier term;

  Headers(long clusterId, long memberId, LongSupplier term) {
    this.clusterId = clusterId;
    this.memberId = memberId;
    this.term = term;
  }

  long clusterId() {
    return clusterId;
  }

  long memberId() {
    return memberId;
  }

  /** {@code header} (as the store made it, with its revision) completed with our fields. */
  ResponseHeader fill(ResponseHeader header) {
    return header.toBuilder()
        .setClusterId(clusterId)
        .setMemberId(memberId)
        .setRaftTerm(term.getAsLong())
        .build();
  }

  ResponseHeader at(long revision) {
    return fill(ResponseHeader.newBuilder().setRevision(revision).build());
  }
}
