package dev.keel.kvstore.replica;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports chosen before they are bound: a Raft peer port must be in every member's group configuration before any
 * member starts, so it cannot be "port 0". {@code new ServerSocket(0)} hands out a port from the kernel's ephemeral
 * range and frees it again, and until the member binds it, any outgoing connection (gRPC, Ratis) or other bind to
 * port 0 in the machine may take it (a test's third member found its peer port in use). The ports chosen here lie
 * below the ephemeral range, where the kernel never assigns a port by itself, and each is handed out once per JVM.
 */
public final class PeerPorts {
  /** The lowest port chosen (below it: well-known and registered services). */
  private static final int LOWEST = 10_000;
  /** The start of the ephemeral range when the kernel does not say (Linux's default). */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;
  private static final int ATTEMPTS = 1_000;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private PeerPorts() {
  }

  /** A port of {@code host} that is free now, below the ephemeral range, not handed out before by this JVM. */
  public static int pick(String host) {
    int end = ephemeralStart();
    if (end - LOWEST < 1_000) {
      return anyFree(host); // an unusual kernel setting: no room below the ephemeral range
    }
    InetAddress address = address(host);
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
      if (HANDED_OUT.add(port)) {
        if (free(address, port)) {
          return port;
        }
        HANDED_OUT.remove(port);
      }
    }
    throw new IllegalStateException("no free port on " + host + " in " + LOWEST + ".." + (end - 1)
        + " after " + ATTEMPTS + " attempts");
  }

  private static int ephemeralStart() {
    try {
      // readAllLines, not readString: a /proc file reports size 0, and readString then returned only "3" here
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  private static boolean free(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFree(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, address(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + host + ": " + e.getMessage(), e);
    }
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }
}
