package dev.keel.bench.kv;

import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import dev.keel.kvstore.proto.StatusResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench leader}: waits until one of the endpoints reports itself as leader
 * (Maintenance.Status: {@code leader == header.member_id}) and prints that endpoint. Works for
 * Keel and etcd alike; scripts use it both as a readiness check and to aim a run at the leader.
 */
@Command(name = "leader", mixinStandardHelpOptions = true,
    description = "Print the endpoint of the current leader, waiting until there is one.")
final class LeaderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoints", split = ",", required = true,
      description = "Client endpoints host:port.")
  List<String> endpoints;

  @Option(names = "--wait", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to wait for a leader (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  public Integer call() throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (KvClient client = new KvClient(
        KvClientConfig.of(endpoints).withCallTimeout(Duration.ofSeconds(2)))) {
      String last = "no endpoint answered";
      while (System.nanoTime() < deadline) {
        for (String endpoint : endpoints) {
          Optional<String> leader = Optional.empty();
          try {
            StatusResponse status = client.status(endpoint);
            if (status.getLeader() != 0
                && status.getLeader() == status.getHeader().getMemberId()) {
              leader = Optional.of(endpoint);
            }
            last = endpoint + " reports leader " + Long.toHexString(status.getLeader());
          } catch (RuntimeException e) {
            last = endpoint + ": " + ErrorKinds.kind(e);
          }
          if (leader.isPresent()) {
            spec.commandLine().getOut().println(leader.get());
            spec.commandLine().getOut().flush();
            return 0;
          }
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      spec.commandLine().getErr().println(
          "no leader among " + endpoints + " within " + wait + " (last: " + last + ")");
      return 1;
    }
  }
}
