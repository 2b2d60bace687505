package dev.keel.kvstore.raft;

import dev.keel.kvstore.proto.CommandBatch;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * A proposed log entry: a {@link CommandBatch} and its encoding, which is what the log holds.
 * When the leader's own server takes the proposal, {@link KvStateMachine#startTransaction} keeps
 * the batch with the transaction, so applying the entry there needs no parsing.
 */
final class BatchProposal implements Message {
  private final CommandBatch batch;
  private final ByteString content;

  BatchProposal(CommandBatch batch) {
    this.batch = batch;
    this.content = UnsafeByteOperations.unsafeWrap(batch.toByteArray());
  }

  CommandBatch batch() {
    return batch;
  }

  @Override
  public ByteString getContent() {
    return content;
  }

  @Override
  public String toString() {
    return "BatchProposal(" + batch.getCommandsCount() + " commands, " + content.size() + " bytes)";
  }
}
