package dev.keel.bench.kv;

import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/** Counts failures by kind (gRPC status code and message), keeping at most 20 kinds. */
final class ErrorKinds {
  private static final int MAX_KINDS = 20;
  private static final int MAX_MESSAGE = 160;

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(Throwable failure) {
    add(kind(failure), 1);
  }

  void add(String kind, long n) {
    LongAdder count = counts.get(kind);
    if (count == null) {
      count = counts.size() < MAX_KINDS
          ? counts.computeIfAbsent(kind, k -> new LongAdder())
          : counts.computeIfAbsent("(other kinds)", k -> new LongAdder());
    }
    count.add(n);
  }

  Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(e -> m.put(e.getKey(), e.getValue().sum()));
    return m;
  }

  /** "UNAVAILABLE: io exception", or the exception's class and message. */
  static String kind(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String text = t instanceof StatusRuntimeException s
        ? s.getStatus().getCode() + ": " + s.getStatus().getDescription()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }
}
