package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a gRPC status.
 *
 * <ul>
 *   <li>{@link KvException}: its kind's code, with etcd's message byte for byte as the description
 *       (Go clients map errors by that string), and Keel's detail in the {@link #DETAIL_KEY}
 *       trailer.
 *   <li>A gRPC status exception (e.g. from forwarding to the leader): passed through.
 *   <li>I/O, timeouts, rejected executions: UNAVAILABLE, so clients retry; logged at DEBUG.
 *   <li>Anything else is a bug: INTERNAL, logged with its cause at WARN.
 * </ul>
 */
public final class GrpcErrors {
  /** Trailer carrying Keel's detail (what value was wrong), printable ASCII. */
  public static final Metadata.Key<String> DETAIL_KEY =
      Metadata.Key.of("keel-error-detail", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  /** The status exception to send for {@code failure} (unwrapping completion wrappers). */
  public static StatusRuntimeException toStatus(Throwable failure, String method) {
    Throwable cause = unwrap(failure);
    if (cause instanceof KvException kv) {
      Metadata trailers = new Metadata();
      trailers.put(DETAIL_KEY, printable(kv.detail()));
      Status status = Status.fromCode(Status.Code.valueOf(kv.error().grpcCode()))
          .withDescription(kv.error().etcdMessage());
      return status.asRuntimeException(trailers);
    }
    if (cause instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (cause instanceof StatusException se) {
      return se.getStatus().asRuntimeException(se.getTrailers());
    }
    if (isTransient(cause)) {
      log.debug("{} failed transiently: {}", method, cause.toString());
      return Status.UNAVAILABLE.withDescription("keel: " + method + " failed: " + cause)
          .withCause(cause).asRuntimeException();
    }
    log.warn("{} failed unexpectedly", method, cause);
    return Status.INTERNAL.withDescription("keel: " + method + " failed: " + cause)
        .withCause(cause).asRuntimeException();
  }

  /** Strips {@link CompletionException} and {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isTransient(Throwable t) {
    return t instanceof IOException || t instanceof TimeoutException
        || t instanceof RejectedExecutionException || t instanceof CancellationException
        || t instanceof java.io.UncheckedIOException;
  }

  /** Metadata values must be printable ASCII: escape everything else as \xNN. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\x%02x", (int) c & 0xff));
      }
    }
    return out.toString();
  }
}
