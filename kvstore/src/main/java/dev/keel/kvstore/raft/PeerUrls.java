package dev.keel.kvstore.raft;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * etcd peer URLs as Ratis peers. A URL {@code http://n4@127.0.0.1:7480} names peer {@code n4} at
 * {@code 127.0.0.1:7480}; without a user part the peer id is the {@code host:port} itself, and the
 * new replica must be started with that member id.
 */
final class PeerUrls {

  private PeerUrls() {}

  static RaftPeer parse(String url) {
    URI uri;
    try {
      uri = new URI(url.contains("://") ? url : "http://" + url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("peer URL " + url + " is not a URL: " + e.getMessage(), e);
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("peer URL " + url + " must name a host and a port");
    }
    String address = uri.getHost() + ":" + uri.getPort();
    String id = uri.getUserInfo() != null && !uri.getUserInfo().isEmpty() ? uri.getUserInfo() : address;
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(address).build();
  }

  static String toUrl(RaftPeer peer) {
    return "http://" + peer.getAddress();
  }
}
