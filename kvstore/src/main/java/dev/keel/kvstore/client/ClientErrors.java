package dev.keel.kvstore.client;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps gRPC failures back to {@link KvException} by etcd's message string (how etcd's own clients
 * do it, so it works against etcd too), and classifies what may be retried elsewhere.
 */
final class ClientErrors {
  private static final Metadata.Key<String> DETAIL_KEY =
      Metadata.Key.of("keel-error-detail", Metadata.ASCII_STRING_MARSHALLER);

  private ClientErrors() {}

  /** A KvException when the status carries a known etcd message, else {@code failure} itself. */
  static RuntimeException map(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof StatusRuntimeException sre) {
      KvError error = known(sre.getStatus());
      if (error != null) {
        Metadata trailers = sre.getTrailers();
        String detail = trailers == null ? null : trailers.get(DETAIL_KEY);
        return new KvException(error, detail != null ? detail : sre.getStatus().getDescription());
      }
      return sre;
    }
    if (t instanceof RuntimeException re) {
      return re;
    }
    return new CompletionException(t);
  }

  /** The etcd error the status stands for, or null. */
  static KvError known(Status status) {
    String description = status.getDescription();
    if (description == null) {
      return null;
    }
    for (KvError error : KvError.values()) {
      if (error.grpcCode().equals(status.getCode().name())
          && (description.equals(error.etcdMessage())
              || error == KvError.TIMEOUT && description.startsWith(error.etcdMessage()))) {
        return error;
      }
    }
    return null;
  }

  /**
   * True when the failure says the endpoint cannot serve right now, so the call may go to
   * another endpoint. Writes ({@code idempotent} false) are retried only when the request cannot
   * have reached a store: the connection was refused, or the replica reported no leader or being
   * stopped.
   */
  static boolean retryElsewhere(Throwable failure, boolean idempotent) {
    Throwable t = unwrap(failure);
    if (!(t instanceof StatusRuntimeException sre)
        || sre.getStatus().getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    KvError error = known(sre.getStatus());
    if (error == KvError.NO_LEADER || error == KvError.STOPPED) {
      return true;
    }
    if (idempotent) {
      return true;
    }
    for (Throwable c = sre.getCause(); c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a client sees of a failure its server sent: the status code, description and trailers,
   * without the server-side cause, as over gRPC.
   */
  static StatusRuntimeException received(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    return Status.fromCode(status.getCode()).withDescription(status.getDescription())
        .asRuntimeException(Status.trailersFromThrowable(failure));
  }

  /** The status an etcd server sends for {@code error}, with Keel's {@code detail}. */
  static StatusRuntimeException status(KvError error, String detail) {
    Metadata trailers = new Metadata();
    trailers.put(DETAIL_KEY, detail);
    return Status.fromCode(Status.Code.valueOf(error.grpcCode()))
        .withDescription(error.etcdMessage()).asRuntimeException(trailers);
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
