package dev.keel.kvstore.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerPortsTest {

  @Test
  void portsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralStart = Files.isReadable(range)
        ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = PeerPorts.pick("127.0.0.1");
      assertTrue(seen.add(port), "handed out twice: " + port);
      assertTrue(port >= 10_000 && port < ephemeralStart, port + " outside 10000.." + (ephemeralStart - 1));
    }
    int port = PeerPorts.pick("127.0.0.1");
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertEquals(port, socket.getLocalPort());
    }
  }
}
