package dev.keel.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started component running until SIGTERM/SIGINT (the JVM's shutdown), then closes it
 * and lets the shutdown finish only once it is closed.
 */
final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private Daemon() {}

  /** Blocks until the JVM shuts down; closes {@code component} on the way out. */
  static void runUntilShutdown(String name, AutoCloseable component) throws InterruptedException {
    runUntilShutdown(name, component, new CompletableFuture<>());
  }

  /**
   * Blocks until the JVM shuts down (then closes {@code component} and returns 0) or until the
   * component stopped on its own: {@code stoppedItself} completed with the reason, the component
   * is closed already. Returns 1 then, for the process to exit with an error.
   */
  static int runUntilShutdown(String name, AutoCloseable component,
      CompletableFuture<String> stoppedItself) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      LOG.info("{}: shutting down", name);
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("{}: error while closing: {}", name, e.toString());
      } finally {
        closed.countDown();
      }
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stoppedItself.whenComplete((reason, failure) -> closed.countDown());
    closed.await();
    if (!stoppedItself.isDone()) {
      return 0;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook closes the component (again: a no-op)
    }
    try {
      LOG.error("{} stopped: {}", name, stoppedItself.get());
    } catch (ExecutionException e) {
      LOG.error("{} stopped: {}", name, e.getCause().toString());
    }
    return 1;
  }
}
