package dev.keel.kvstore.api;

/**
 * An expected, etcd-level failure of one request: bad input, a compacted or future revision, an
 * unknown lease. {@link #getMessage()} is etcd's message followed by Keel's detail naming the value
 * that was wrong; {@link #error()} gives the kind, from which the gRPC status follows.
 */
public final class KvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final KvError error;
  private final String detail;

  public KvException(KvError error, String detail) {
    super(error.etcdMessage() + " (" + detail + ")", null, false, false);
    this.error = error;
    this.detail = detail;
  }

  public KvError error() {
    return error;
  }

  /** What was wrong, naming the value, e.g. "range revision 12 < compacted revision 15". */
  public String detail() {
    return detail;
  }
}
