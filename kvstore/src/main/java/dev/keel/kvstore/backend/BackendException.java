package dev.keel.kvstore.backend;

/**
 * A RocksDB operation failed: an infrastructure error, carrying the operation and the RocksDB
 * status. Callers do not retry a failed write: the store is then unusable and must be reopened.
 */
public final class BackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackendException(String operation, Exception cause) {
    super("RocksDB " + operation + " failed: " + cause.getMessage(), cause);
  }
}
