package dev.keel.bench.kv;

import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's gRPC channels: {@code conns} {@link KvClient}s, each bound to one endpoint
 * (connection i to endpoint {@code i % endpoints}), so a benchmark measures the endpoints it was
 * given and never fails over. Client i of the run uses connection {@code i % conns}.
 */
final class Connections implements AutoCloseable {
  private final List<KvClient> clients = new ArrayList<>();

  Connections(List<String> endpoints, int conns, Duration timeout) {
    for (int i = 0; i < conns; i++) {
      String endpoint = endpoints.get(i % endpoints.size());
      KvClientConfig config = KvClientConfig.of(endpoint).withCallTimeout(timeout);
      clients.add(new KvClient(config));
    }
  }

  KvClient forClient(int client) {
    return clients.get(client % clients.size());
  }

  int size() {
    return clients.size();
  }

  @Override
  public void close() {
    for (int i = clients.size() - 1; i >= 0; i--) {
      clients.get(i).close();
    }
  }
}
