package dev.keel.kvstore.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer network of a test cluster: one {@link LinkProxy} per directed link between members, so a
 * test can cut any set of links.
 *
 * <p>How Ratis traffic is steered through the proxies although every member sees the same group
 * configuration (Ratis replicates peer addresses in its log, so per-member addresses would not
 * survive a leader's configuration entry): every member's peer address is a host name,
 * {@code keel-<id>:<peerPort>}, and each member JVM resolves host names through its own hosts file
 * ({@code -Djdk.net.hosts.file}). In member {@code s}'s file, {@code keel-d} is {@code 127.0.s.d},
 * where the proxy of link s→d listens on d's peer port and forwards to d's real server on
 * {@code 127.0.0.1}; its own name is {@code 127.0.0.1}. Example with n1 (port 7001) and n2 (7002):
 * <pre>
 *   n1's hosts: 127.0.0.1 keel-n1   127.0.1.2 keel-n2     link n1→n2 listens on 127.0.1.2:7002
 *   n2's hosts: 127.0.2.1 keel-n1   127.0.0.1 keel-n2     link n2→n1 listens on 127.0.2.1:7001
 * </pre>
 * A connection carries requests of the member that opened it and the answers to them, so cutting
 * both directed links of a pair separates the two members completely.
 */
final class Network implements AutoCloseable {

  private final List<String> members;
  private final Map<String, Integer> peerPorts;
  /** Links by "from>to". */
  private final Map<String, LinkProxy> links = new LinkedHashMap<>();

  /**
   * @param peerPorts each member's real peer port on 127.0.0.1, in member order (at most 9 members:
   *     a member's number is one octet of the link addresses)
   */
  Network(Map<String, Integer> peerPorts) {
    this.members = List.copyOf(peerPorts.keySet());
    this.peerPorts = Map.copyOf(peerPorts);
    if (members.size() > 9) {
      throw new IllegalArgumentException("at most 9 members, got " + members);
    }
    try {
      for (String from : members) {
        for (String to : members) {
          if (!from.equals(to)) {
            int port = peerPorts.get(to);
            links.put(key(from, to), new LinkProxy(from + ">" + to,
                new InetSocketAddress(linkAddress(from, to), port),
                new InetSocketAddress("127.0.0.1", port)));
          }
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The host name every member uses for {@code member}'s peer address. */
  static String hostName(String member) {
    return "keel-" + member;
  }

  List<String> members() {
    return members;
  }

  private int number(String member) {
    int i = members.indexOf(member);
    if (i < 0) {
      throw new IllegalArgumentException("unknown member " + member + "; members are " + members);
    }
    return i + 1;
  }

  private String linkAddress(String from, String to) {
    return "127.0." + number(from) + "." + number(to);
  }

  /** Writes {@code member}'s hosts file (see the class comment) and returns its path. */
  Path writeHostsFile(String member, Path dir) {
    StringBuilder text = new StringBuilder("127.0.0.1 localhost");
    try {
      String self = InetAddress.getLocalHost().getHostName();
      if (!self.equals("localhost")) {
        text.append(' ').append(self);
      }
    } catch (UnknownHostException e) {
      // no host name of our own to map
    }
    text.append('\n');
    for (String to : members) {
      String address = to.equals(member) ? "127.0.0.1" : linkAddress(member, to);
      text.append(address).append(' ').append(hostName(to)).append('\n');
    }
    Path file = dir.resolve("hosts-" + member);
    try {
      Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write hosts file " + file, e);
    }
    return file;
  }

  int peerPort(String member) {
    return peerPorts.get(member);
  }

  private static String key(String from, String to) {
    return from + ">" + to;
  }

  private LinkProxy link(String from, String to) {
    LinkProxy link = links.get(key(from, to));
    if (link == null) {
      throw new IllegalArgumentException("no link " + from + "->" + to + " among " + members);
    }
    return link;
  }

  /** Cuts both directions between {@code a} and {@code b}. */
  void cutBetween(String a, String b) {
    link(a, b).cut();
    link(b, a).cut();
  }

  /** Cuts every link between members of different components (members in none stay connected). */
  void partition(Collection<? extends Collection<String>> components) {
    List<List<String>> parts = components.stream().map(c -> List.copyOf(c)).toList();
    for (int i = 0; i < parts.size(); i++) {
      for (int j = i + 1; j < parts.size(); j++) {
        for (String a : parts.get(i)) {
          for (String b : parts.get(j)) {
            cutBetween(a, b);
          }
        }
      }
    }
  }

  /** Separates {@code member} from everyone else. */
  void isolate(String member) {
    for (String other : members) {
      if (!other.equals(member)) {
        cutBetween(member, other);
      }
    }
  }

  void healAll() {
    links.values().forEach(LinkProxy::heal);
  }

  /** The links currently cut, as "from>to". */
  Set<String> cutLinks() {
    Set<String> cut = new TreeSet<>();
    links.forEach((k, link) -> {
      if (link.isCut()) {
        cut.add(k);
      }
    });
    return cut;
  }

  @Override
  public void close() {
    List<LinkProxy> all = new ArrayList<>(links.values());
    links.clear();
    all.forEach(LinkProxy::close);
  }
}
