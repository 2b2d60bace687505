package dev.keel.kvstore.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batcher's request timeout: a proposed batch that Ratis never answers fails its commands
 * with TIMEOUT, a command that waited for an in-flight slot past its deadline is failed without
 * being proposed, and answered batches give every command its own result.
 */
class ProposalBatcherTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private static Command put(String key) {
    return Command.newBuilder()
        .setPut(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)))
        .build();
  }

  private static KvError errorOf(CompletableFuture<CommandResult> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
    return assertInstanceOf(KvException.class, RatisFailures.unwrap(e)).error();
  }

  @Test
  @Timeout(30)
  void unansweredBatchTimesOutAndQueuedCommandIsNeverProposed() throws Exception {
    List<CommandBatch> proposed = new CopyOnWriteArrayList<>();
    BatchingConfig oneInFlight = new BatchingConfig(1, 1 << 20, Duration.ZERO, 1);
    try (ProposalBatcher batcher = new ProposalBatcher(oneInFlight, TIMEOUT, batch -> {
      proposed.add(batch);
      return new CompletableFuture<>(); // Ratis never answers
    }, "test")) {
      CompletableFuture<CommandResult> first = batcher.submit(put("a"));
      CompletableFuture<CommandResult> second = batcher.submit(put("b"));
      assertEquals(KvError.TIMEOUT, errorOf(first));
      assertEquals(KvError.TIMEOUT, errorOf(second));
      assertEquals(1, proposed.size(), "the second command waited for the only slot and expired");
    }
  }

  @Test
  @Timeout(30)
  void answeredBatchGivesEachCommandItsResult() throws Exception {
    try (ProposalBatcher batcher = new ProposalBatcher(BatchingConfig.defaults(), TIMEOUT, batch ->
        CompletableFuture.completedFuture(batch.getCommandsList().stream()
            .map(c -> CommandResult.newBuilder().setPut(PutResponse.newBuilder()
                .setHeader(ResponseHeader.newBuilder().setRevision(c.getPut().getKey().size())))
                .build())
            .toList()), "test")) {
      CompletableFuture<CommandResult> a = batcher.submit(put("a"));
      CompletableFuture<CommandResult> bb = batcher.submit(put("bb"));
      assertEquals(1, a.get(5, TimeUnit.SECONDS).getPut().getHeader().getRevision());
      assertEquals(2, bb.get(5, TimeUnit.SECONDS).getPut().getHeader().getRevision());
    }
  }
}
