package dev.keel.kvstore.raft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * etcd's 64-bit cluster and member ids, derived stably from Ratis' group and peer ids, so every
 * replica computes the same id for the same member and an id survives restarts. Ids are positive
 * and nonzero (etcdctl prints them with %x).
 */
public final class MemberIds {

  private MemberIds() {}

  public static long clusterId(RaftGroupId group) {
    return hash("cluster/" + group.getUuid());
  }

  public static long memberId(RaftGroupId group, RaftPeerId peer) {
    return hash("member/" + group.getUuid() + "/" + peer);
  }

  private static long hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long id = ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
      return id == 0 ? 1 : id;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
