package dev.keel.cli.up;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The ports {@code keel up} chose the first time, kept in {@code <data-dir>/ports.properties}: store replicas know
 * each other by address (the Raft configuration is in their logs), so a restart must use the same ports again.
 *
 * @param clientPorts store client port of each replica (its peer port is the next one)
 * @param apiPort     apiserver HTTPS port
 */
record UpPorts(List<Integer> clientPorts, int apiPort) {
  private static final String FILE = "ports.properties";

  /** The ports of an earlier run in {@code dataDir}, if there was one. */
  static Optional<UpPorts> load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Integer> client = new ArrayList<>();
    for (String s : p.getProperty("store.clientPorts", "").split(",")) {
      if (!s.isBlank()) {
        client.add(Integer.parseInt(s.trim()));
      }
    }
    return Optional.of(new UpPorts(client, Integer.parseInt(p.getProperty("apiserver.port", "0"))));
  }

  /** Free ports on loopback: {@code replicas} client+peer pairs from {@code storePort}, then an API port. */
  static UpPorts choose(int replicas, int storePort, int apiPort) {
    List<Integer> client = new ArrayList<>();
    int port = storePort;
    for (int i = 0; i < replicas; i++) {
      port = nextFreePair(port);
      client.add(port);
      port += 10;
    }
    return new UpPorts(client, nextFree(apiPort));
  }

  void save(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("store.clientPorts", String.join(",", clientPorts.stream().map(String::valueOf).toList()));
    p.setProperty("apiserver.port", String.valueOf(apiPort));
    try {
      Files.createDirectories(dataDir);
      try (Writer w = Files.newBufferedWriter(dataDir.resolve(FILE))) {
        p.store(w, "ports chosen by keel up; a restart reuses them");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }

  /** Names every port that is taken now, so a restart fails with a clear message instead of a bind error. */
  List<String> busy() {
    List<String> out = new ArrayList<>();
    for (int p : clientPorts) {
      if (!free(p)) {
        out.add("store client port " + p);
      }
      if (!free(p + 1)) {
        out.add("store peer port " + (p + 1));
      }
    }
    if (!free(apiPort)) {
      out.add("apiserver port " + apiPort);
    }
    return out;
  }

  private static int nextFree(int from) {
    for (int p = from; p < from + 100; p++) {
      if (free(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port on 127.0.0.1 in " + from + ".." + (from + 100));
  }

  private static int nextFreePair(int from) {
    for (int p = from; p < from + 1000; p += 2) {
      if (free(p) && free(p + 1)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port pair on 127.0.0.1 in " + from + ".." + (from + 1000));
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
