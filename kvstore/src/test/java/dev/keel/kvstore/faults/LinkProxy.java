package dev.keel.kvstore.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One directed network link: a TCP proxy that forwards every connection made to its listen address
 * to the target address, until it is cut.
 *
 * <p>{@link #cut()} behaves like a network partition seen from both ends: connections in flight are
 * aborted, and new connections are accepted but black-holed (nothing is read or forwarded), so the
 * peer's requests time out rather than being refused. {@link #heal()} closes the black-holed
 * connections (the peer reconnects at once) and forwards new ones again. Blocking sockets, two pump
 * threads per forwarded connection: a Ratis link carries a handful of connections.
 */
final class LinkProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LinkProxy.class);
  private static final int CONNECT_TIMEOUT_MS = 1000;

  private final String name;
  private final InetSocketAddress listen;
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Thread acceptor;
  /** Guards {@link #cut}, {@link #open}, {@link #held} and {@link #closed}; nothing else is taken under it. */
  private final Object lock = new Object();
  private boolean cut;
  private boolean closed;
  private final List<Socket> open = new ArrayList<>();
  private final List<Socket> held = new ArrayList<>();

  LinkProxy(String name, InetSocketAddress listen, InetSocketAddress target) {
    this.name = name;
    this.listen = listen;
    this.target = target;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(listen, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("link " + name + ": cannot listen on " + listen, e);
    }
    acceptor = new Thread(this::acceptLoop, "link-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String name() {
    return name;
  }

  InetSocketAddress listenAddress() {
    return listen;
  }

  boolean isCut() {
    synchronized (lock) {
      return cut;
    }
  }

  /** Aborts every connection on the link and black-holes new ones until {@link #heal()}. */
  void cut() {
    List<Socket> doomed;
    synchronized (lock) {
      if (cut) {
        return;
      }
      cut = true;
      doomed = new ArrayList<>(open);
      open.clear();
    }
    doomed.forEach(LinkProxy::abort);
    LOG.debug("link {} cut ({} connections aborted)", name, doomed.size());
  }

  /** Forwards again; black-holed connections are closed so that their owners reconnect. */
  void heal() {
    List<Socket> released;
    synchronized (lock) {
      if (!cut) {
        return;
      }
      cut = false;
      released = new ArrayList<>(held);
      held.clear();
    }
    released.forEach(LinkProxy::abort);
    LOG.debug("link {} healed", name);
  }

  private void acceptLoop() {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      boolean blackhole;
      synchronized (lock) {
        if (closed) {
          abort(client);
          return;
        }
        blackhole = cut;
        if (blackhole) {
          held.add(client);
        }
      }
      if (!blackhole) {
        forward(client);
      }
    }
  }

  private void forward(Socket client) {
    Socket upstream = new Socket();
    try {
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      upstream.connect(target, CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      abort(client); // the target is down: the peer sees its connection end, as with a refusal
      abort(upstream);
      return;
    }
    synchronized (lock) {
      if (cut || closed) {
        abort(client);
        abort(upstream);
        return;
      }
      open.add(client);
      open.add(upstream);
    }
    startPump(client, upstream, "up");
    startPump(upstream, client, "down");
  }

  private void startPump(Socket from, Socket to, String direction) {
    Thread t = new Thread(() -> pump(from, to), "link-" + name + "-" + direction);
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // connection ended or aborted by cut(): close both ends below
    } finally {
      synchronized (lock) {
        open.remove(from);
        open.remove(to);
      }
      abort(from);
      abort(to);
    }
  }

  /** Closes with a reset (linger 0), as a crashed or unreachable peer looks to the other end. */
  private static void abort(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (SocketException e) {
      // already broken; close anyway
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  @Override
  public void close() {
    List<Socket> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(open);
      all.addAll(held);
      open.clear();
      held.clear();
    }
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("link {}: closing the listener failed: {}", name, e.toString());
    }
    all.forEach(LinkProxy::abort);
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + (isCut() ? " (cut)" : "");
  }
}
