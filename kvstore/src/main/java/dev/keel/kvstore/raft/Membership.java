package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Member;
import dev.keel.kvstore.proto.MemberAddRequest;
import dev.keel.kvstore.proto.MemberAddResponse;
import dev.keel.kvstore.proto.MemberListResponse;
import dev.keel.kvstore.proto.MemberRemoveRequest;
import dev.keel.kvstore.proto.MemberRemoveResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * etcd's Cluster service on Ratis configurations: members are the voting peers of the current
 * configuration, with ids from {@link MemberIds}; add and remove are {@code setConfiguration}
 * calls, which return once the new configuration is committed (an added member has caught up).
 */
final class Membership {

  private final RaftGateway gateway;
  private final Headers headers;
  private final Map<String, String> clientUrls;

  Membership(RaftGateway gateway, Headers headers, Map<String, String> clientUrls) {
    this.gateway = gateway;
    this.headers = headers;
    this.clientUrls = clientUrls;
  }

  long memberId(RaftPeerId peer) {
    return MemberIds.memberId(gateway.groupId(), peer);
  }

  Member member(RaftPeer peer) {
    Member.Builder m = Member.newBuilder()
        .setID(memberId(peer.getId()))
        .setName(peer.getId().toString())
        .addPeerURLs(PeerUrls.toUrl(peer));
    String client = clientUrls.get(peer.getId().toString());
    if (client != null) {
      m.addClientURLs(client);
    }
    return m.build();
  }

  List<Member> members() {
    return gateway.peers().stream()
        .sorted(Comparator.comparing(p -> p.getId().toString()))
        .map(this::member)
        .toList();
  }

  /** etcd's MemberList header carries no revision. */
  private ResponseHeader header() {
    return headers.fill(ResponseHeader.getDefaultInstance());
  }

  CompletableFuture<MemberListResponse> list() {
    return CompletableFuture.completedFuture(
        MemberListResponse.newBuilder().setHeader(header()).addAllMembers(members()).build());
  }

  CompletableFuture<MemberAddResponse> add(MemberAddRequest request) {
    if (request.getPeerURLsCount() != 1) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "member add needs exactly one peer URL, got " + request.getPeerURLsList()));
    }
    if (request.getIsLearner()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("learner members are not supported"));
    }
    RaftPeer added = PeerUrls.parse(request.getPeerURLs(0));
    List<RaftPeer> peers = new ArrayList<>(gateway.peers());
    if (peers.stream().anyMatch(p -> p.getId().equals(added.getId())
        || p.getAddress().equals(added.getAddress()))) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "peer " + added.getId() + " at " + added.getAddress() + " is already a member"));
    }
    peers.add(added);
    return gateway.setConfiguration(peers).thenApply(v -> MemberAddResponse.newBuilder()
        .setHeader(header())
        .setMember(member(added))
        .addAllMembers(members())
        .build());
  }

  CompletableFuture<MemberRemoveResponse> remove(MemberRemoveRequest request) {
    List<RaftPeer> peers = new ArrayList<>(gateway.peers());
    RaftPeer removed = peers.stream()
        .filter(p -> memberId(p.getId()) == request.getID())
        .findFirst()
        .orElse(null);
    if (removed == null) {
      return CompletableFuture.failedFuture(new KvException(KvError.MEMBER_NOT_FOUND,
          "no member with id " + Long.toHexString(request.getID())));
    }
    peers.remove(removed);
    return gateway.setConfiguration(peers).thenApply(v -> MemberRemoveResponse.newBuilder()
        .setHeader(header())
        .addAllMembers(members())
        .build());
  }

  /** Moves leadership to the member with etcd id {@code targetId}. */
  CompletableFuture<Void> moveLeader(long targetId) {
    RaftPeer target = gateway.peers().stream()
        .filter(p -> memberId(p.getId()) == targetId)
        .findFirst()
        .orElse(null);
    if (target == null) {
      return CompletableFuture.failedFuture(new KvException(KvError.MEMBER_NOT_FOUND,
          "no member with id " + Long.toHexString(targetId)));
    }
    return gateway.transferLeadership(target.getId());
  }
}
