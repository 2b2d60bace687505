package dev.keel.kvstore.client;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link LocalServer}s of this JVM by name: what an {@code inprocess:NAME} endpoint of a
 * {@link KvClient} resolves to at each call. JVM-wide by nature, like grpc-java's in-process
 * server names (the same names: {@code EtcdGrpcServer} registers both).
 */
public final class LocalServers {
  private static final ConcurrentMap<String, LocalServer> SERVERS = new ConcurrentHashMap<>();

  private LocalServers() {}

  /**
   * Serves {@code server} under {@code name} until the returned action runs.
   *
   * @throws IllegalStateException when another server has the name
   */
  public static Runnable register(String name, LocalServer server) {
    if (SERVERS.putIfAbsent(name, server) != null) {
      throw new IllegalStateException("a local store server named " + name + " is registered");
    }
    return () -> SERVERS.remove(name, server);
  }

  /** The server registered under {@code name}, or null. */
  static LocalServer find(String name) {
    return SERVERS.get(name);
  }
}
