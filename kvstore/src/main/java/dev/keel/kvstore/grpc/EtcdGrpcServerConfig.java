package dev.keel.kvstore.grpc;

import java.time.Duration;

/**
 * Configuration of one replica's etcd v3 gRPC front end.
 *
 * @param host address to bind, e.g. "127.0.0.1"
 * @param port port to bind; 0 picks a free port (see {@link EtcdGrpcServer#port()})
 * @param maxRequestBytes largest accepted write request (etcd's --max-request-bytes, 1.5 MiB); a
 *     bigger Put, DeleteRange or Txn fails with "etcdserver: request is too large". The gRPC
 *     receive limit is this plus 512 KiB, as in etcd.
 * @param maxTxnOps largest number of compares or ops in one txn branch (etcd's --max-txn-ops)
 * @param progressNotifyInterval how often a watcher created with progress_notify gets an
 *     event-less response when it received nothing since the last tick (etcd: 10 min)
 * @param watchSendBufferBytes bytes of watch responses one stream may queue while the client
 *     reads slowly; past it, store delivery waits (see {@link #watchSendTimeout})
 * @param watchSendTimeout how long store delivery waits for a slow watch stream to drain below
 *     {@link #watchSendBufferBytes} before the stream is ended with RESOURCE_EXHAUSTED
 */
public record EtcdGrpcServerConfig(
    String host,
    int port,
    int maxRequestBytes,
    int maxTxnOps,
    Duration progressNotifyInterval,
    int watchSendBufferBytes,
    Duration watchSendTimeout) {

  public static final int DEFAULT_MAX_REQUEST_BYTES = 1572864;
  public static final int DEFAULT_MAX_TXN_OPS = 128;
  /** etcd accepts this much on top of max-request-bytes at the gRPC layer. */
  public static final int GRPC_OVERHEAD_BYTES = 512 * 1024;

  public EtcdGrpcServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be set");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (maxRequestBytes <= 0 || maxTxnOps <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBytes and maxTxnOps must be > 0, got " + maxRequestBytes + "/" + maxTxnOps);
    }
    if (progressNotifyInterval == null || progressNotifyInterval.isNegative()
        || progressNotifyInterval.isZero()) {
      throw new IllegalArgumentException(
          "progressNotifyInterval must be > 0, got " + progressNotifyInterval);
    }
    if (watchSendBufferBytes <= 0 || watchSendTimeout == null || watchSendTimeout.isNegative()) {
      throw new IllegalArgumentException("watch send buffer and timeout must be > 0");
    }
  }

  /** etcd's defaults on {@code host:port}. */
  public static EtcdGrpcServerConfig of(String host, int port) {
    return new EtcdGrpcServerConfig(
        host, port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_TXN_OPS, Duration.ofMinutes(10),
        16 * 1024 * 1024, Duration.ofSeconds(10));
  }

  public EtcdGrpcServerConfig withProgressNotifyInterval(Duration interval) {
    return new EtcdGrpcServerConfig(
        host, port, maxRequestBytes, maxTxnOps, interval, watchSendBufferBytes, watchSendTimeout);
  }

  public EtcdGrpcServerConfig withMaxRequestBytes(int bytes) {
    return new EtcdGrpcServerConfig(
        host, port, bytes, maxTxnOps, progressNotifyInterval, watchSendBufferBytes,
        watchSendTimeout);
  }

  /** The gRPC inbound message limit: {@link #maxRequestBytes} + 512 KiB. */
  public int maxInboundMessageBytes() {
    return maxRequestBytes + GRPC_OVERHEAD_BYTES;
  }
}
