package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.HistoryRecorder;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The client side of a fault run: {@link WorkloadConfig#clients()} {@link ClientWorker} threads,
 * each with its own {@link KvClient} whose endpoint list starts at a different member, recording
 * into one {@link HistoryRecorder}.
 */
final class Workload implements AutoCloseable {

  private final List<KvClient> clients = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final WorkloadConfig config;
  private volatile boolean stopping;

  Workload(List<String> endpoints, HistoryRecorder recorder, WorkloadConfig config, long seed) {
    this.config = config;
    for (int p = 0; p < config.clients(); p++) {
      List<String> rotated = new ArrayList<>();
      for (int i = 0; i < endpoints.size(); i++) {
        rotated.add(endpoints.get((p + i) % endpoints.size()));
      }
      KvClient client = new KvClient(KvClientConfig.of(rotated).withCallTimeout(config.callTimeout()));
      clients.add(client);
      ClientWorker worker = new ClientWorker(p, client, recorder, config,
          new Random(seed * 31 + p), () -> stopping);
      Thread t = new Thread(worker, "client-" + p);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Lets every client finish its request in flight (bounded by the call timeout) and stop. */
  void stop() {
    stopping = true;
    long waitMillis = config.callTimeout().toMillis() + 3000;
    for (Thread t : threads) {
      try {
        t.join(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
    clients.forEach(KvClient::close);
  }
}
