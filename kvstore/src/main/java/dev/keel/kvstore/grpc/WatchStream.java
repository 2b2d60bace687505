package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.WatchCreateRequest;
import dev.keel.kvstore.proto.WatchRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Watch stream: many watchers, created and cancelled by the client, as etcd's watch server
 * does (see notes/etcd-api.md section 6).
 *
 * <p>Ids: 0 asks the server to pick one from a per-stream counter starting at 0 that skips ids in
 * use and never goes back; a client-chosen id must be unused. A create that fails gets
 * {@code created+canceled} with id -1 and a reason. Cancelling an unknown id gets no reply.
 *
 * <p>A progress request is answered (id -1, header.revision R) only once every watcher of the
 * stream has queued all its events up to R, so later events on the stream all have revisions
 * greater than R (the deferred form of etcd PRs #15237/#17557).
 *
 * <p>Threads: inbound callbacks are serialized by gRPC; store deliveries and progress ticks come
 * from other threads; everything sent goes through one {@link StreamSender}.
 */
final class WatchStream implements StreamObserver<WatchRequest> {
  private static final Logger log = LoggerFactory.getLogger(WatchStream.class);
  private static final long PROGRESS_RETRY_MILLIS = 20;

  private final KvService service;
  private final EtcdGrpcServerConfig config;
  private final ScheduledExecutorService scheduler;
  private final StreamSender<WatchResponse> sender;
  private final Map<Long, StreamWatcher> watchers = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledFuture<?> progressTicks;
  private final Runnable deregister;
  /** Next server-chosen id; touched only on inbound callbacks. */
  private long nextId;

  /** Guards {@link #progressPending} and {@link #progressRetry}; may be held while sending. */
  private final Object progressLock = new Object();
  private boolean progressPending;
  private ScheduledFuture<?> progressRetry;

  WatchStream(KvService service, EtcdGrpcServerConfig config, ScheduledExecutorService scheduler,
      OpenStreams open, ServerCallStreamObserver<WatchResponse> out) {
    this.service = service;
    this.config = config;
    this.scheduler = scheduler;
    this.deregister = open.register(this::fail);
    this.sender = new StreamSender<>(out, WatchResponse::getSerializedSize, this::closeWatchers);
    long interval = config.progressNotifyInterval().toMillis();
    this.progressTicks = scheduler.scheduleAtFixedRate(
        this::progressTick, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onNext(WatchRequest request) {
    if (closed.get()) {
      return;
    }
    try {
      switch (request.getRequestUnionCase()) {
        case CREATE_REQUEST -> create(request.getCreateRequest());
        case CANCEL_REQUEST -> cancel(request.getCancelRequest().getWatchId());
        case PROGRESS_REQUEST -> progressRequested();
        default -> log.debug("ignoring an empty watch request");
      }
    } catch (RuntimeException e) {
      fail(GrpcErrors.toStatus(e, "Watch"));
    }
  }

  @Override
  public void onError(Throwable t) {
    closeWatchers();
  }

  @Override
  public void onCompleted() {
    closeWatchers();
    sender.complete();
  }

  private void create(WatchCreateRequest request) {
    WatchSpec spec;
    try {
      spec = WatchCreation.toSpec(request);
    } catch (KvException e) {
      sendCreateFailure(e.error().etcdMessage());
      return;
    }
    long id = request.getWatchId();
    if (id == 0) {
      while (watchers.containsKey(nextId)) {
        nextId++;
      }
      id = nextId++;
    } else if (watchers.containsKey(id)) {
      sendCreateFailure("mvcc: duplicate watch ID provided on the WatchStream");
      return;
    }
    StreamWatcher watcher =
        new StreamWatcher(id, request.getProgressNotify(), request.getFragment(), this);
    watchers.put(id, watcher);
    ResponseHeader createdHeader = header();
    if (spec.startRevision() == 0) {
      // "From now" means right after the revision the created reply reports: pin it, so a write
      // committed between this header and the registration is neither missed nor repeated.
      spec = new WatchSpec(spec.key(), spec.rangeEnd(), createdHeader.getRevision() + 1,
          spec.prevKv(), spec.noPut(), spec.noDelete());
    }
    send(WatchResponse.newBuilder().setHeader(createdHeader).setWatchId(id).setCreated(true).build());
    Watch handle;
    try {
      handle = service.watch(spec, watcher);
    } catch (RuntimeException e) {
      // The created reply is out already: cancel with the reason, as etcd does for late failures.
      watchers.remove(id);
      watcher.close();
      String reason = GrpcErrors.unwrap(e) instanceof KvException kv
          ? kv.error().etcdMessage() : "keel: watch failed: " + e;
      log.debug("watch {} on the stream failed after created: {}", id, e.toString());
      send(WatchResponse.newBuilder().setHeader(header()).setWatchId(id).setCanceled(true)
          .setCancelReason(reason).build());
      return;
    }
    watcher.attach(handle);
    if (closed.get()) {
      watcher.close(); // the stream ended while the watch was being registered
    }
  }

  private void sendCreateFailure(String reason) {
    send(WatchResponse.newBuilder()
        .setHeader(header())
        .setWatchId(-1)
        .setCreated(true)
        .setCanceled(true)
        .setCancelReason(reason)
        .build());
  }

  private void cancel(long id) {
    StreamWatcher watcher = watchers.remove(id);
    if (watcher != null) {
      watcher.cancel();
    }
  }

  private void progressRequested() {
    synchronized (progressLock) {
      progressPending = true;
    }
    answerProgress();
  }

  private void answerProgress() {
    if (closed.get()) {
      return;
    }
    // Every watcher must have all its events up to the answered revision on the stream already:
    // the lowest delivered revision among them, or the store's revision when there are none.
    long revision = Long.MAX_VALUE;
    for (StreamWatcher watcher : watchers.values()) {
      java.util.OptionalLong delivered = watcher.progressRevision();
      if (delivered.isEmpty()) {
        retryProgressLater();
        return;
      }
      revision = Math.min(revision, delivered.getAsLong());
    }
    if (revision == Long.MAX_VALUE) {
      revision = service.revision();
    }
    synchronized (progressLock) {
      if (progressPending) {
        progressPending = false;
        send(WatchResponse.newBuilder().setHeader(header(revision)).setWatchId(-1).build());
      }
    }
  }

  private void retryProgressLater() {
    synchronized (progressLock) {
      if (progressRetry == null && !closed.get()) {
        progressRetry = scheduler.schedule(() -> {
          synchronized (progressLock) {
            progressRetry = null;
          }
          answerProgress();
        }, PROGRESS_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void progressTick() {
    try {
      for (StreamWatcher watcher : watchers.values()) {
        watcher.tick();
      }
    } catch (RuntimeException e) {
      log.warn("watch progress tick failed", e);
    }
  }

  // ---- called by StreamWatcher ----

  void send(WatchResponse response) {
    sender.send(response);
  }

  ResponseHeader header() {
    return service.header();
  }

  ResponseHeader header(long revision) {
    return service.header().toBuilder().setRevision(revision).build();
  }

  int maxRequestBytes() {
    return config.maxRequestBytes();
  }

  /** A watcher ended on its own (compaction): forget it and release its store watch. */
  void removed(StreamWatcher watcher) {
    watchers.remove(watcher.id(), watcher);
    watcher.handle().ifPresent(h -> scheduler.execute(h::close));
  }

  /**
   * Waits (bounded) while the client reads too slowly; on timeout the stream ends with
   * UNAVAILABLE so that the client re-creates its watches from the last revision it saw.
   *
   * @return false when nothing more should be sent
   */
  /**
   * Whether the stream can take more events: fewer than the send buffer's bytes are queued. A
   * watcher whose stream is full is left to the store, which holds its events back (queue, then
   * catch-up from disk), so a slow client never blocks the store's delivery threads.
   */
  boolean hasSendCapacity() {
    sender.drain();
    return sender.queuedAtMost(config.watchSendBufferBytes());
  }

  boolean isSendClosed() {
    return sender.isClosed();
  }

  void fail(io.grpc.StatusRuntimeException status) {
    closeWatchers();
    sender.fail(status);
  }

  private void closeWatchers() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    progressTicks.cancel(false);
    deregister.run();
    synchronized (progressLock) {
      if (progressRetry != null) {
        progressRetry.cancel(false);
      }
    }
    for (StreamWatcher watcher : watchers.values()) {
      watcher.close();
    }
    watchers.clear();
  }
}
