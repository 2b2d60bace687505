package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;

/**
 * Maps Ratis failures to etcd's UNAVAILABLE kinds: a request that did not reach a leader is
 * {@link KvError#NO_LEADER}, one whose leader went away is {@link KvError#LEADER_CHANGED}, one
 * that ran out of time is {@link KvError#TIMEOUT}. A {@link KvException} passes unchanged.
 */
final class RatisFailures {

  private RatisFailures() {}

  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** The KvException for {@code failure}, naming {@code what} failed. */
  static KvException toKv(Throwable failure, String what) {
    Throwable t = unwrap(failure);
    if (t instanceof KvException kv) {
      return kv;
    }
    String detail = what + ": " + t;
    if (t instanceof NotLeaderException || t instanceof LeaderSteppingDownException
        || t instanceof TransferLeadershipException) {
      return new KvException(KvError.LEADER_CHANGED, detail);
    }
    if (t instanceof LeaderNotReadyException || t instanceof ReadIndexException
        || t instanceof ReadException) {
      return new KvException(KvError.NO_LEADER, detail);
    }
    if (t instanceof AlreadyClosedException) {
      return new KvException(KvError.STOPPED, detail);
    }
    if (t instanceof RaftRetryFailureException || t instanceof TimeoutIOException
        || t instanceof TimeoutException) {
      return new KvException(KvError.TIMEOUT, detail);
    }
    return new KvException(KvError.TIMEOUT, detail);
  }

  /** True for failures after which a retry of an idempotent request may succeed. */
  static boolean retriable(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof NotLeaderException || t instanceof LeaderNotReadyException
        || t instanceof ReadIndexException || t instanceof ReadException
        || t instanceof LeaderSteppingDownException || t instanceof TimeoutIOException
        || t instanceof org.apache.ratis.protocol.exceptions.ServerNotReadyException;
  }
}
