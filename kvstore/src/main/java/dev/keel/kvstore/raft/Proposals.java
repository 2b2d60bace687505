package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandError;
import dev.keel.kvstore.proto.CommandResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The write path: commands go through the {@link ProposalBatcher} into the log via the
 * {@link RaftGateway}; each caller gets its own result, with etcd-level errors turned back into
 * {@link KvException}s and Ratis failures mapped by {@link RatisFailures}.
 */
final class Proposals implements AutoCloseable {

  private final ProposalBatcher batcher;
  private final Duration timeout;
  private final int maxRequestBytes;

  Proposals(RaftGateway gateway, BatchingConfig batching, Duration timeout, int maxRequestBytes) {
    this.timeout = timeout;
    this.maxRequestBytes = maxRequestBytes;
    this.batcher = new ProposalBatcher(batching, timeout, batch -> gateway.write(new BatchProposal(batch))
        .thenApply(BatchReply::resultsOf), gateway.selfId().toString());
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * Proposes one command; completes with its result, or a KvException for an etcd error or a
   * failure (TIMEOUT after the request timeout, which the batcher enforces).
   */
  CompletableFuture<CommandResult> propose(Command command) {
    int size = command.getSerializedSize();
    if (size > maxRequestBytes) {
      return CompletableFuture.failedFuture(new KvException(KvError.REQUEST_TOO_LARGE,
          "request of " + size + " bytes > limit " + maxRequestBytes));
    }
    return batcher.submit(command).handle((result, failure) -> {
      if (failure != null) {
        throw new CompletionException(RatisFailures.toKv(failure, "write " + command.getOpCase()));
      }
      if (result.hasError()) {
        throw toException(result.getError());
      }
      return result;
    });
  }

  static KvException toException(CommandError error) {
    KvError kind;
    try {
      kind = KvError.valueOf(error.getKind());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("store returned unknown error kind " + error.getKind()
          + " (" + error.getDetail() + ")", e);
    }
    return new KvException(kind, error.getDetail());
  }

  /** {@code future} failing with TIMEOUT after the request timeout, other failures mapped. */
  <T> CompletableFuture<T> bounded(CompletableFuture<T> future, String what) {
    return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(failure -> {
          throw new CompletionException(RatisFailures.toKv(failure, what));
        });
  }

  @Override
  public void close() {
    batcher.close();
  }
}
