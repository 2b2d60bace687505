package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.client.LocalServer;
import dev.keel.kvstore.client.LocalServers;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
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
 *
 * <p>The same API is also served in this JVM, under {@link #inProcessEndpoint()}: a client here
 * (the apiserver of {@code keel up}) that uses that endpoint calls the services directly (a
 * {@link LocalServer} registered in {@link LocalServers}), skipping HTTP/2 framing, the loopback
 * socket, protobuf encoding and gRPC's call machinery. {@link #inProcessGrpcEndpoint()} serves the
 * same through grpc-java's in-process transport (message objects handed over, gRPC calls kept).
 * Both skip a thread hand-off: the service methods run on the client's calling thread (a direct
 * executor), which they may do because none of them waits for long: writes are queued for the
 * proposal batcher, linearizable reads wait for Ratis on the gateway's timer thread and read on
 * the read executor. The exceptions are bounded: a call that needs the store while a snapshot is
 * being installed waits for it (at most {@code StoreHolder.INSTALL_WAIT_MS}), and a lease
 * keep-alive waits while the Ratis client has its maximum of requests outstanding. Replies and
 * watch events still reach the client on its own threads, never on a store thread.
 */
public final class EtcdGrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdGrpcServer.class);
  private static final long SHUTDOWN_GRACE_MILLIS = 2000;

  private final EtcdGrpcServerConfig config;
  private final KvService service;
  private final Object lock = new Object();
  /** Guarded by lock. */
  private Server server;
  /** Guarded by lock. */
  private Server inProcess;
  /** Guarded by lock: removes the direct in-process registration. */
  private Runnable localRegistration;
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
      KvGrpcService kv = new KvGrpcService(service, checks);
      WatchGrpcService watch = new WatchGrpcService(service, config, scheduler, openStreams);
      LeaseGrpcService lease = new LeaseGrpcService(service, openStreams);
      ClusterGrpcService cluster = new ClusterGrpcService(service);
      MaintenanceGrpcService maintenance = new MaintenanceGrpcService(service);
      List<BindableService> services = List.of(kv, watch, lease, cluster, maintenance);
      Server built = withServices(NettyServerBuilder
          .forAddress(new InetSocketAddress(config.host(), config.port()))
          .maxInboundMessageSize(config.maxInboundMessageBytes())
          // etcd's enforcement policy: clients may ping every 5 s, also without active calls
          // (jetcd's default keep-alive would otherwise be answered with GOAWAY too_many_pings).
          .permitKeepAliveTime(5, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true), services)
          .build();
      try {
        built.start();
      } catch (IOException e) {
        scheduler.shutdownNow();
        throw new UncheckedIOException(
            "cannot bind the etcd gRPC server to " + config.host() + ":" + config.port(), e);
      }
      try {
        inProcess = withServices(InProcessServerBuilder.forName(inProcessName(built.getPort()))
            .directExecutor()
            .maxInboundMessageSize(config.maxInboundMessageBytes()), services)
            .build()
            .start();
      } catch (IOException e) {
        built.shutdownNow();
        scheduler.shutdownNow();
        throw new UncheckedIOException("cannot start the in-process etcd gRPC server", e);
      }
      try {
        localRegistration = LocalServers.register(inProcessName(built.getPort()),
            new LocalDispatch(kv, watch, lease, cluster, maintenance));
      } catch (IllegalStateException e) {
        inProcess.shutdownNow();
        built.shutdownNow();
        scheduler.shutdownNow();
        throw e;
      }
      server = built;
      log.info("etcd gRPC API listening on {}:{}", config.host(), port());
      return this;
    }
  }

  private static ServerBuilder<?> withServices(ServerBuilder<?> builder, List<BindableService> services) {
    services.forEach(builder::addService);
    return builder;
  }

  private static String inProcessName(int port) {
    return "keel-etcd-" + port;
  }

  /**
   * The endpoint under which a {@code KvClient} in this JVM calls this server directly:
   * {@code inprocess:keel-etcd-<port>}.
   */
  public String inProcessEndpoint() {
    return "inprocess:" + inProcessName(port());
  }

  /**
   * The endpoint under which a {@code KvClient} in this JVM reaches this server through
   * grpc-java's in-process transport: {@code inprocess-grpc:keel-etcd-<port>}.
   */
  public String inProcessGrpcEndpoint() {
    return "inprocess-grpc:" + inProcessName(port());
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
    Server localToStop;
    ScheduledExecutorService toShutdown;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (localRegistration != null) {
        localRegistration.run(); // new direct calls fail as "server stopped"
      }
      toStop = server;
      localToStop = inProcess;
      toShutdown = scheduler;
    }
    if (localToStop != null) {
      localToStop.shutdown();
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
    if (localToStop != null) {
      try {
        if (!localToStop.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
          localToStop.shutdownNow();
        }
      } catch (InterruptedException e) {
        localToStop.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (toShutdown != null) {
      toShutdown.shutdownNow();
    }
  }
}
