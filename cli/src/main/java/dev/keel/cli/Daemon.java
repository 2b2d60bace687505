package dev.keel.cli;

import java.util.concurrent.CountDownLatch;
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
    closed.await();
  }
}
