package dev.keel.kvstore.replica;

/**
 * One member of the Raft group as given on the command line: {@code id=host:port}, where the
 * port is the member's peer (Raft) port.
 */
public record PeerSpec(String id, String host, int port) {

  public PeerSpec {
    if (id == null || id.isBlank() || id.contains("=")) {
      throw new IllegalArgumentException("peer id must be non-empty without '=', got '" + id + "'");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("peer " + id + " needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("peer " + id + " port must be 1..65535, got " + port);
    }
  }

  /** Parses {@code id=host:port}. */
  public static PeerSpec parse(String spec) {
    int eq = spec.indexOf('=');
    int colon = spec.lastIndexOf(':');
    if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("peer '" + spec + "' must look like id=host:port");
    }
    int port;
    try {
      port = Integer.parseInt(spec.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("peer '" + spec + "' has a non-numeric port", e);
    }
    return new PeerSpec(spec.substring(0, eq), spec.substring(eq + 1, colon), port);
  }

  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return id + "=" + address();
  }
}
