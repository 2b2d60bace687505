package dev.keel.kvstore.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A link forwards, black-holes while cut, and forwards again once healed. */
class LinkProxyTest {

  private ServerSocket echo;
  private Thread echoThread;
  private LinkProxy link;

  @BeforeEach
  void startEcho() throws IOException {
    echo = new ServerSocket(0, 16, java.net.InetAddress.getByName("127.0.0.1"));
    echoThread = new Thread(() -> {
      while (true) {
        try {
          Socket s = echo.accept();
          Thread t = new Thread(() -> {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
              in.transferTo(out);
            } catch (IOException e) {
              // connection over
            }
          });
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    echoThread.setDaemon(true);
    echoThread.start();
    link = new LinkProxy("a>b", new InetSocketAddress("127.0.1.2", echo.getLocalPort()),
        new InetSocketAddress("127.0.0.1", echo.getLocalPort()));
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    link.close();
    echo.close();
    echoThread.join(2000);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(link.listenAddress(), 1000);
    s.setSoTimeout(500);
    return s;
  }

  private static int roundTrip(Socket s, int b) throws IOException {
    s.getOutputStream().write(b);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }

  @Test
  void cutAbortsOpenConnectionsAndBlackHolesNewOnesUntilHealed() throws IOException {
    try (Socket before = connect()) {
      assertEquals(7, roundTrip(before, 7));
      link.cut();
      assertTrue(link.isCut());
      int after;
      try {
        after = roundTrip(before, 8);
      } catch (IOException e) {
        after = -1; // reset
      }
      assertEquals(-1, after, "an open connection ends when the link is cut");
    }
    try (Socket during = connect()) {
      assertThrows(SocketTimeoutException.class, () -> roundTrip(during, 9),
          "a connection made while cut gets no answer");
      link.heal();
      int released;
      try {
        released = during.getInputStream().read();
      } catch (IOException e) {
        released = -1;
      }
      assertEquals(-1, released, "healing closes black-holed connections so their owners reconnect");
    }
    try (Socket healed = connect()) {
      assertEquals(10, roundTrip(healed, 10));
    }
  }
}
