package dev.keel.kvstore.mvcc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.ResponseHeader;
import java.util.function.Supplier;

/**
 * What one request ended in, comparable between the store and the model: a response whose
 * top-level header is reduced to {@code revision} (the rest is the caller's to fill), or an error
 * kind (details are free text).
 */
public sealed interface Outcome {

  record Ok(Message response) implements Outcome {
    @Override
    public String toString() {
      return response.getClass().getSimpleName() + "{" + response.toString().replace('\n', ' ')
          + "}";
    }
  }

  record Failed(KvError error) implements Outcome {}

  static Outcome of(Supplier<? extends Message> call) {
    try {
      return new Ok(normalize(call.get()));
    } catch (KvException e) {
      return new Failed(e.error());
    }
  }

  static Outcome of(CommandResult result) {
    switch (result.getResultCase()) {
      case PUT:
        return new Ok(normalize(result.getPut()));
      case DELETE_RANGE:
        return new Ok(normalize(result.getDeleteRange()));
      case TXN:
        return new Ok(normalize(result.getTxn()));
      case COMPACT:
        return new Ok(normalize(result.getCompact()));
      case LEASE_GRANT:
        return new Ok(normalize(result.getLeaseGrant()));
      case LEASE_REVOKE:
        return new Ok(normalize(result.getLeaseRevoke()));
      case ERROR:
        return new Failed(KvError.valueOf(result.getError().getKind()));
      default:
        throw new AssertionError("command result without a result: " + result);
    }
  }

  /** Keeps only {@code revision} in the top-level header; inner headers stay as they are. */
  static <M extends Message> Message normalize(M response) {
    FieldDescriptor field = response.getDescriptorForType().findFieldByName("header");
    if (field == null || !response.hasField(field)) {
      return response;
    }
    ResponseHeader header = (ResponseHeader) response.getField(field);
    return response.toBuilder()
        .setField(field, ResponseHeader.newBuilder().setRevision(header.getRevision()).build())
        .build();
  }
}
