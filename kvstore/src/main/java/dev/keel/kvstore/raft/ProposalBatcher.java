package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent writes into one Raft entry. One thread takes commands off a queue, groups
 * them (bounded by {@link BatchingConfig}), proposes the batch and completes each caller's future
 * with its own {@link CommandResult}. A lone write with nothing in flight is proposed at once; a
 * burst fills batches while earlier ones are being replicated.
 *
 * <p>Every command has a deadline, its submission time plus the request timeout, after which its
 * future fails with {@link KvError#TIMEOUT}: a command still queued then is dropped unproposed,
 * and a proposed batch times out at the deadline of its oldest command (one timer per batch;
 * commands are taken in submission order, so that deadline is the batch's earliest).
 */
final class ProposalBatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProposalBatcher.class);

  private record Pending(Command command, int bytes, long deadline,
      CompletableFuture<CommandResult> result) {}

  private final BatchingConfig config;
  private final long timeoutNanos;
  private final Function<CommandBatch, CompletableFuture<List<CommandResult>>> proposer;
  private final BlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
  private final Semaphore inFlight;
  private final Thread thread;
  private volatile boolean closed;

  ProposalBatcher(BatchingConfig config, Duration timeout,
      Function<CommandBatch, CompletableFuture<List<CommandResult>>> proposer, String name) {
    this.config = config;
    this.timeoutNanos = timeout.toNanos();
    this.proposer = proposer;
    this.inFlight = new Semaphore(config.maxInFlight());
    this.thread = new Thread(this::run, "keel-batcher-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one command; the future completes with its result or a failure of its batch. */
  CompletableFuture<CommandResult> submit(Command command) {
    CompletableFuture<CommandResult> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new KvException(KvError.STOPPED, "proposal batcher is closed"));
      return result;
    }
    queue.add(new Pending(command, command.getSerializedSize(), System.nanoTime() + timeoutNanos,
        result));
    return result;
  }

  private void run() {
    try {
      while (!closed) {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null || timedOut(first)) {
          continue;
        }
        boolean othersInFlight = inFlight.availablePermits() < config.maxInFlight();
        if (!acquire(first)) {
          continue;
        }
        List<Pending> batch = gather(first, othersInFlight);
        propose(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failAll(new KvException(KvError.STOPPED, "proposal batcher is closed"));
    }
  }

  /** Fails {@code p} with TIMEOUT when its deadline has passed. */
  private static boolean timedOut(Pending p) {
    if (System.nanoTime() - p.deadline() < 0) {
      return false;
    }
    p.result().completeExceptionally(
        new KvException(KvError.TIMEOUT, "write timed out before it was proposed"));
    return true;
  }

  /**
   * Waits for an in-flight slot for {@code first}; false (with {@code first} failed) when it timed
   * out or the batcher closed meanwhile.
   */
  private boolean acquire(Pending first) throws InterruptedException {
    while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (closed) {
        first.result().completeExceptionally(
            new KvException(KvError.STOPPED, "proposal batcher is closed"));
        return false;
      }
      if (timedOut(first)) {
        return false;
      }
    }
    return true;
  }

  private List<Pending> gather(Pending first, boolean linger) throws InterruptedException {
    List<Pending> batch = new ArrayList<>();
    batch.add(first);
    long bytes = first.bytes();
    long deadline = System.nanoTime() + config.linger().toNanos();
    while (batch.size() < config.maxCommands()) {
      Pending next = queue.pollFirst();
      if (next == null && linger) {
        long wait = deadline - System.nanoTime();
        next = wait > 0 ? queue.pollFirst(wait, TimeUnit.NANOSECONDS) : null;
      }
      if (next == null) {
        break;
      }
      if (timedOut(next)) {
        continue;
      }
      if (bytes + next.bytes() > config.maxBytes()) {
        queue.offerFirst(next); // starts the next batch
        break;
      }
      batch.add(next);
      bytes += next.bytes();
    }
    return batch;
  }

  private void propose(List<Pending> batch) {
    CommandBatch.Builder entry = CommandBatch.newBuilder();
    batch.forEach(p -> entry.addCommands(p.command()));
    CompletableFuture<List<CommandResult>> reply;
    try {
      reply = proposer.apply(entry.build());
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete((result, failure) -> inFlight.release()); // the slot is Ratis's until it answers
    long timeLeft = Math.max(0, batch.get(0).deadline() - System.nanoTime());
    reply.copy().orTimeout(timeLeft, TimeUnit.NANOSECONDS).whenComplete((result, failure) -> {
      if (failure != null) {
        Throwable cause = RatisFailures.unwrap(failure) instanceof TimeoutException
            ? new KvException(KvError.TIMEOUT, "write not applied within the request timeout")
            : failure;
        batch.forEach(p -> p.result().completeExceptionally(cause));
      } else if (result.size() != batch.size()) {
        IllegalStateException broken = new IllegalStateException("batch of " + batch.size()
            + " commands got " + result.size() + " results");
        LOG.error("{}", broken.getMessage());
        batch.forEach(p -> p.result().completeExceptionally(broken));
      } else {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).result().complete(result.get(i));
        }
      }
    });
  }

  private void failAll(Throwable failure) {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.result().completeExceptionally(failure);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(new KvException(KvError.STOPPED, "proposal batcher is closed"));
  }
}
