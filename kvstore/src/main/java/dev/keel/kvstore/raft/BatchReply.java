package dev.keel.kvstore.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.keel.kvstore.proto.CommandBatchResult;
import dev.keel.kvstore.proto.CommandResult;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The state machine's reply to one applied entry: the results of its commands, encoded as a
 * {@link CommandBatchResult} only when Ratis sends the reply over the wire (to a forwarding
 * follower's client). A proposal submitted on the leader gets this object back as it is, so
 * {@link #resultsOf} hands over the results without encoding and parsing them.
 */
final class BatchReply implements Message {
  private final List<CommandResult> results;
  /** Encoded on first use; racing encodings produce equal bytes. */
  private volatile ByteString content;

  BatchReply(List<CommandResult> results) {
    this.results = List.copyOf(results);
  }

  @Override
  public ByteString getContent() {
    ByteString encoded = content;
    if (encoded == null) {
      encoded = UnsafeByteOperations.unsafeWrap(
          CommandBatchResult.newBuilder().addAllResults(results).build().toByteArray());
      content = encoded;
    }
    return encoded;
  }

  /** The command results a write reply carries, from this object or from its encoding. */
  static List<CommandResult> resultsOf(Message reply) {
    if (reply instanceof BatchReply local) {
      return local.results;
    }
    try {
      return CommandBatchResult.parseFrom(reply.getContent().toByteArray()).getResultsList();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("state machine replied with a malformed CommandBatchResult", e);
    }
  }

  @Override
  public String toString() {
    return "BatchReply(" + results.size() + " results)";
  }
}
