package dev.keel.kvstore.faults;

import dev.keel.kvstore.proto.ClusterGrpc;
import dev.keel.kvstore.proto.MaintenanceGrpc;
import dev.keel.kvstore.proto.Member;
import dev.keel.kvstore.proto.MemberAddRequest;
import dev.keel.kvstore.proto.MemberListRequest;
import dev.keel.kvstore.proto.MemberRemoveRequest;
import dev.keel.kvstore.proto.StatusRequest;
import dev.keel.kvstore.proto.StatusResponse;
import dev.keel.kvstore.raft.MemberIds;
import dev.keel.kvstore.replica.Replica;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks the members of a {@link FaultCluster} about the group through their etcd API (Maintenance
 * Status, Cluster member list/add/remove), each question with a short deadline. Only running
 * members are asked: a paused one would only make the caller wait.
 */
final class MemberProbe {

  /** Deadline of one status or member-list call (generous: the machine may be very loaded). */
  private static final long PROBE_MS = 3000;

  private final List<String> members;
  private final Map<String, ManagedChannel> channels;
  private final Function<String, ReplicaProcess.State> states;

  /**
   * @param channels client-port channels by member, filled by the owner
   * @param states each member's process state
   */
  MemberProbe(List<String> members, Map<String, ManagedChannel> channels,
      Function<String, ReplicaProcess.State> states) {
    this.members = members;
    this.channels = channels;
    this.states = states;
  }

  /** etcd's member id of {@code id} (what Status reports as leader). */
  static long memberId(String id) {
    return MemberIds.memberId(Replica.groupId("keel"), org.apache.ratis.protocol.RaftPeerId.valueOf(id));
  }

  /** The member name of an etcd member id, or the id in hex. */
  String name(long memberId) {
    return members.stream().filter(m -> memberId(m) == memberId).findFirst()
        .orElse(Long.toHexString(memberId));
  }

  Optional<StatusResponse> status(String id) {
    if (states.apply(id) != ReplicaProcess.State.RUNNING) {
      return Optional.empty();
    }
    try {
      return Optional.of(MaintenanceGrpc.newBlockingStub(channels.get(id))
          .withDeadlineAfter(PROBE_MS, TimeUnit.MILLISECONDS)
          .status(StatusRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /** The member that calls itself leader with the highest term, if any answers. */
  Optional<String> leader() {
    String best = null;
    long bestTerm = -1;
    for (String id : members) {
      Optional<StatusResponse> s = status(id);
      if (s.isPresent() && s.get().getLeader() == memberId(id) && s.get().getRaftTerm() > bestTerm) {
        best = id;
        bestTerm = s.get().getRaftTerm();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The voting members as {@code leader} sees them. */
  Set<String> groupMembers(String leader) {
    List<Member> list = ClusterGrpc.newBlockingStub(channels.get(leader))
        .withDeadlineAfter(PROBE_MS, TimeUnit.MILLISECONDS)
        .memberList(MemberListRequest.getDefaultInstance()).getMembersList();
    return list.stream().map(Member::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The leader's commit index when every member answers, all follow that leader in its term and
   * the group holds every member; else -1.
   */
  long agreedCommitIndex() {
    Map<String, StatusResponse> all = new LinkedHashMap<>();
    for (String id : members) {
      Optional<StatusResponse> s = status(id);
      if (s.isEmpty()) {
        return -1;
      }
      all.put(id, s.get());
    }
    StatusResponse top = all.values().stream()
        .max(Comparator.comparingLong(StatusResponse::getRaftTerm)).orElseThrow();
    String leader = name(top.getLeader());
    StatusResponse leaderStatus = all.get(leader);
    if (leaderStatus == null || leaderStatus.getLeader() != memberId(leader)) {
      return -1;
    }
    for (StatusResponse s : all.values()) {
      if (s.getLeader() != leaderStatus.getLeader() || s.getRaftTerm() != leaderStatus.getRaftTerm()) {
        return -1;
      }
    }
    try {
      return groupMembers(leader).equals(new TreeSet<>(members))
          ? leaderStatus.getRaftIndex() : -1;
    } catch (StatusRuntimeException e) {
      return -1;
    }
  }

  /** MemberRemove of {@code id} through {@code leader}. */
  void removeMember(String leader, String id, long deadlineMillis) {
    ClusterGrpc.newBlockingStub(channels.get(leader))
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .memberRemove(MemberRemoveRequest.newBuilder().setID(memberId(id)).build());
  }

  /** MemberAdd of the peer at {@code peerUrl} through {@code leader}. */
  void addMember(String leader, String peerUrl, long deadlineMillis) {
    ClusterGrpc.newBlockingStub(channels.get(leader))
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .memberAdd(MemberAddRequest.newBuilder().addPeerURLs(peerUrl).build());
  }
}
