package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.KvService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd v3 gRPC API (KV, Watch, Lease, Cluster, Maintenance) of one replica, served on its
 * client port so that etcdctl and etcd client libraries work unchanged. Execution is the
 * {@link KvService}'s; this class owns only the gRPC server and a scheduler for watch progress
 * (not the service, which its creator closes after this server).
 */
public final class EtcdGrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdGrpcServer.class);
  private static final long SHUTDOWN_GRACE_MILLIS = 2000;

  private final EtcdGrpcServerConfig config;
  private final KvService service;
  private final Object lock = new Object();
  /** Guarded by lock. */
  private Server server;
  private ScheduledExecutorService scheduler;
  private final OpenStreams openStreams = new OpenStreams();
  private boolean closed;

  public EtcdGrpcServer(EtcdGrpcServerConfig config, KvService service) {
    this.config = config;
    this.service = service;
  }

  /** Binds and starts serving. */
  public EtcdGrpcServer start() {
    synchronized (lock) {
      if (server != null || closed) {
        throw new IllegalStateException("etcd gRPC server already started or closed");
      }
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keel-watch-progress-" + config.port());
        t.setDaemon(true);
        return t;
      });
      RequestChecks checks = new RequestChecks(config.maxRequestBytes(), config.maxTxnOps());
      Server built = NettyServerBuilder
          .forAddress(new InetSocketAddress(config.host(), config.port()))
          .maxInboundMessageSize(config.maxInboundMessageBytes())
          // etcd's enforcement policy: clients may ping every 5 s, also without active calls
          // (jetcd's default keep-alive would otherwise be answered with GOAWAY too_many_pings).
          .permitKeepAliveTime(5, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .addService(new KvGrpcService(service, checks))
          .addService(new WatchGrpcService(service, config, scheduler, openStreams))
          .addService(new LeaseGrpcService(service, openStreams))
          .addService(new ClusterGrpcService(service))
          .addService(new MaintenanceGrpcService(service))
          .build();
      try {
        built.start();
      } catch (IOException e) {
        scheduler.shutdownNow();
        throw new UncheckedIOException(
            "cannot bind the etcd gRPC server to " + config.host() + ":" + config.port(), e);
      }
      server = built;
      log.info("etcd gRPC API listening on {}:{}", config.host(), port());
      return this;
    }
  }

  /** The bound port (the actual one when the config asked for 0). */
  public int port() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("etcd gRPC server not started");
      }
      return server.getPort();
    }
  }

  /** Stops accepting calls, cancels open streams after a short grace period, and waits. */
  @Override
  public void close() {
    Server toStop;
    ScheduledExecutorService toShutdown;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toStop = server;
      toShutdown = scheduler;
    }
    if (toStop != null) {
      toStop.shutdown();
      openStreams.stopAll(GrpcErrors.toStatus(
          new KvException(KvError.STOPPED, "replica client port closing"), "close"));
      try {
        if (!toStop.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
          toStop.shutdownNow();
          if (!toStop.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            log.warn("etcd gRPC server on port {} did not terminate in time", toStop.getPort());
          }
        }
      } catch (InterruptedException e) {
        toStop.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (toShutdown != null) {
      toShutdown.shutdownNow();
    }
  }
}
