package dev.keel.kvstore.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.keel.kvstore.proto.LeaseKeepAliveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;

/**
 * The byte layout of queries forwarded to the leader through Ratis' read path.
 *
 * <p>Request: one kind byte, then the request message. Reply: one status byte ({@link #OK} or
 * {@link #NOT_LEADER}, when the replica that answered had lost leadership), then the response
 * message. An empty request is a plain ReadIndex barrier and never reaches the query handler.
 */
final class LeaderQuery {

  static final byte KEEP_ALIVE = 1;
  static final byte TIME_TO_LIVE = 2;

  static final byte OK = 0;
  static final byte NOT_LEADER = 1;

  private LeaderQuery() {}

  static byte[] keepAlive(long leaseId) {
    return encode(KEEP_ALIVE, LeaseKeepAliveRequest.newBuilder().setID(leaseId).build());
  }

  static byte[] timeToLive(LeaseTimeToLiveRequest request) {
    return encode(TIME_TO_LIVE, request);
  }

  static byte[] reply(MessageLite response) {
    return encode(OK, response);
  }

  static byte[] notLeader() {
    return new byte[] {NOT_LEADER};
  }

  static byte[] encode(byte kind, MessageLite message) {
    byte[] body = message.toByteArray();
    byte[] out = new byte[body.length + 1];
    out[0] = kind;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  static byte[] body(byte[] encoded) {
    byte[] body = new byte[encoded.length - 1];
    System.arraycopy(encoded, 1, body, 0, body.length);
    return body;
  }

  static LeaseKeepAliveRequest parseKeepAlive(byte[] encoded) throws InvalidProtocolBufferException {
    return LeaseKeepAliveRequest.parseFrom(body(encoded));
  }

  static LeaseTimeToLiveRequest parseTimeToLive(byte[] encoded) throws InvalidProtocolBufferException {
    return LeaseTimeToLiveRequest.parseFrom(body(encoded));
  }
}
