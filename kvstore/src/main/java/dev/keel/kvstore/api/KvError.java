package dev.keel.kvstore.api;

/**
 * The etcd-level failures a store request can end in. Each carries the gRPC status code name and
 * the exact message etcd gives, because Go clients (etcdctl) map errors by message string: the
 * gRPC layer must send {@link #etcdMessage()} unchanged and put Keel's detail elsewhere.
 */
public enum KvError {
  EMPTY_KEY("INVALID_ARGUMENT", "etcdserver: key is not provided"),
  KEY_NOT_FOUND("INVALID_ARGUMENT", "etcdserver: key not found"),
  VALUE_PROVIDED("INVALID_ARGUMENT", "etcdserver: value is provided"),
  LEASE_PROVIDED("INVALID_ARGUMENT", "etcdserver: lease is provided"),
  TOO_MANY_OPS("INVALID_ARGUMENT", "etcdserver: too many operations in txn request"),
  DUPLICATE_KEY("INVALID_ARGUMENT", "etcdserver: duplicate key given in txn request"),
  REQUEST_TOO_LARGE("INVALID_ARGUMENT", "etcdserver: request is too large"),
  COMPACTED("OUT_OF_RANGE", "etcdserver: mvcc: required revision has been compacted"),
  FUTURE_REVISION("OUT_OF_RANGE", "etcdserver: mvcc: required revision is a future revision"),
  LEASE_NOT_FOUND("NOT_FOUND", "etcdserver: requested lease not found"),
  LEASE_EXISTS("FAILED_PRECONDITION", "etcdserver: lease already exists"),
  LEASE_TTL_TOO_LARGE("OUT_OF_RANGE", "etcdserver: too large lease TTL"),
  WATCH_RANGE_EMPTY("INVALID_ARGUMENT", "mvcc: watcher range is empty"),
  NO_LEADER("UNAVAILABLE", "etcdserver: no leader"),
  LEADER_CHANGED("UNAVAILABLE", "etcdserver: leader changed"),
  TIMEOUT("UNAVAILABLE", "etcdserver: request timed out"),
  STOPPED("UNAVAILABLE", "etcdserver: server stopped"),
  MEMBER_NOT_FOUND("NOT_FOUND", "etcdserver: member not found");

  private final String grpcCode;
  private final String etcdMessage;

  KvError(String grpcCode, String etcdMessage) {
    this.grpcCode = grpcCode;
    this.etcdMessage = etcdMessage;
  }

  /** The name of the {@code io.grpc.Status.Code} etcd answers with. */
  public String grpcCode() {
    return grpcCode;
  }

  /** etcd's message, byte for byte. */
  public String etcdMessage() {
    return etcdMessage;
  }
}
