package dev.keel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's end-to-end run: {@code keel up} in a child JVM (1 store replica, shortened node grace periods), then the
 * machine's kubectl against it, with real processes for pods: the example Deployment and Service, logs, restarts,
 * probes, replacement, scaling, a second node agent that stops, bad input, and no processes left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeelUpE2eTest {
  private static final long WAIT_SECONDS = 120;
  private static final String NODE1_PODS = "127.101.1.";
  private static final String NODE2_PODS = "127.101.2.";

  @TempDir static Path dir;
  private Child up;
  private Child node2;
  private Kubectl k;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl is not on PATH");
    Path data = dir.resolve("data");
    up = Child.start(dir.resolve("up.log"), "up", "--replicas", "1", "--data-dir", data.toString(),
        "--store-port", String.valueOf(freePort()), "--api-port", String.valueOf(freePort()),
        "--node-monitor-grace-period", "8s", "--pod-eviction-timeout", "4s");
    up.awaitOutput("Ctrl-C stops everything", WAIT_SECONDS);
    k = new Kubectl(data.resolve("kubeconfig"));
    await("node-1 Ready", () -> nodeReady("node-1"));
  }

  @AfterAll
  void stop() throws Exception {
    if (node2 != null) {
      node2.kill();
    }
    if (up != null) {
      up.close();
    }
    killPodProcesses(NODE2_PODS); // the stopped second agent left its containers running, as a kubelet does
    killPodProcesses(NODE1_PODS);
  }

  @Test
  @Order(1)
  void theExampleRunsAndTheServiceBalancesAcrossItsPods() throws Exception {
    k.ok("apply", "-f", examples().resolve("hello.yaml").toString());
    List<JsonNode> pods = await("3 hello pods Running and Ready", () -> readyPods("app=hello", 3));
    Set<String> ips = new HashSet<>();
    for (JsonNode p : pods) {
      ips.add(p.path("status").path("podIP").asText());
    }
    assertEquals(3, ips.size(), "each pod has an address of its own: " + ips);
    String clusterIp = k.json("get", "svc", "hello").path("spec").path("clusterIP").asText();
    assertTrue(clusterIp.startsWith("127.96."), "a loopback ClusterIP: " + clusterIp);
    await("endpoints list 3 ready addresses", () -> {
      JsonNode subsets = k.json("get", "endpoints", "hello").path("subsets");
      return subsets.size() == 1 && subsets.get(0).path("addresses").size() == 3 ? subsets : null;
    });
    // the proxy learns the endpoints from its own watch, a moment after kubectl sees them: wait for one answer (its
    // request line is not counted below)
    await("the ClusterIP answers through the proxy", () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + clusterIp + ":8080/?e2e-warm-up"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200
            ? Boolean.TRUE : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
    for (int i = 0; i < 9; i++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://" + clusterIp + ":8080/?e2e-request-" + i)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
    }
    int total = 0;
    for (JsonNode p : pods) {
      String name = p.path("metadata").path("name").asText();
      String logs = await("the request lines in " + name + "'s log", () -> {
        String out = k.ok("logs", name);
        return out.contains("e2e-request-") ? out : null;
      });
      int n = (int) logs.lines().filter(l -> l.contains("e2e-request-")).count();
      assertTrue(n >= 1, "every replica served some connections: " + name + " served " + n);
      total += n;
    }
    assertEquals(9, total, "every request reached exactly one pod");
    String tail = k.ok("logs", pods.get(0).path("metadata").path("name").asText(), "--tail", "1");
    assertEquals(1, tail.strip().lines().count(), "--tail 1 prints one line: " + tail);
  }

  @Test
  @Order(2)
  void aKilledContainerProcessIsRestarted() throws Exception {
    JsonNode pod = await("3 ready hello pods", () -> readyPods("app=hello", 3)).get(0);
    String name = pod.path("metadata").path("name").asText();
    long pid = pid(pod);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    JsonNode restarted = await(name + " restarted and ready again", () -> {
      JsonNode p = k.json("get", "pod", name);
      JsonNode cs = p.path("status").path("containerStatuses").path(0);
      return cs.path("restartCount").asInt() == 1 && cs.path("ready").asBoolean() ? p : null;
    });
    assertTrue(pid(restarted) != pid, "a new process");
    assertEquals(137, restarted.path("status").path("containerStatuses").path(0).path("lastState")
        .path("terminated").path("exitCode").asInt(), "SIGKILL shows as exit code 137");
  }

  @Test
  @Order(3)
  void aFailingLivenessProbeRestartsTheContainer() throws Exception {
    Path manifest = dir.resolve("liveness.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: liveness
        spec:
          containers:
          - name: main
            image: sh
            command: ["sh", "-c", "echo started; sleep 1000"]
            livenessProbe:
              exec:
                command: ["false"]
              initialDelaySeconds: 1
              periodSeconds: 1
              failureThreshold: 1
        """);
    k.ok("apply", "-f", manifest.toString());
    await("the liveness pod restarted by its probe", () -> {
      JsonNode cs = k.json("get", "pod", "liveness").path("status").path("containerStatuses").path(0);
      return cs.path("restartCount").asInt() >= 1 ? cs : null;
    });
    k.ok("delete", "pod", "liveness", "--wait=true", "--timeout=60s");
  }

  @Test
  @Order(4)
  void aDeletedPodIsReplacedByTheReplicaSet() throws Exception {
    List<JsonNode> before = await("3 ready hello pods", () -> readyPods("app=hello", 3));
    String victim = before.get(1).path("metadata").path("name").asText();
    k.ok("delete", "pod", victim, "--wait=true", "--timeout=60s");
    List<JsonNode> after = await("3 ready pods again, without " + victim, () -> {
      List<JsonNode> ready = readyPods("app=hello", 3);
      return ready != null && ready.stream().noneMatch(p -> p.path("metadata").path("name").asText()
          .equals(victim)) ? ready : null;
    });
    assertEquals(3, after.size());
  }

  @Test
  @Order(5)
  void scalingToFiveAndBackWorks() throws Exception {
    k.ok("scale", "deployment", "hello", "--replicas", "5");
    await("5 ready pods", () -> readyPods("app=hello", 5));
    k.ok("scale", "deployment", "hello", "--replicas", "3");
    await("3 pods left", () -> {
      JsonNode items = k.json("get", "pods", "-l", "app=hello").path("items");
      return items.size() == 3 ? items : null;
    });
    String status = k.ok("rollout", "status", "deployment/hello", "--timeout=60s");
    assertTrue(status.contains("successfully rolled out"), status);
  }

  @Test
  @Order(6)
  void aMissingCommandGetsAClearReasonAndOtherPodsKeepRunning() throws Exception {
    Path manifest = dir.resolve("bad.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: bad
        spec:
          containers:
          - name: main
            image: none
            command: ["no-such-command-keel-e2e"]
        """);
    k.ok("apply", "-f", manifest.toString());
    JsonNode waiting = await("a waiting reason on the bad pod", () -> {
      JsonNode w = k.json("get", "pod", "bad").path("status").path("containerStatuses").path(0).path("state")
          .path("waiting");
      return w.isMissingNode() || w.path("reason").asText().isEmpty() ? null : w;
    });
    String reason = waiting.path("reason").asText();
    assertTrue(reason.equals("RunContainerError") || reason.equals("CrashLoopBackOff"), reason);
    String describe = k.ok("describe", "pod", "bad");
    assertTrue(describe.contains("no-such-command-keel-e2e"), "the message names the command: " + describe);
    assertEquals(3, await("3 ready hello pods", () -> readyPods("app=hello", 3)).size(),
        "the agent keeps serving the other pods");
    k.ok("delete", "pod", "bad", "--wait=true", "--timeout=60s");
  }

  @Test
  @Order(7)
  void podsOfAStoppedNodeMoveToTheOtherNode() throws Exception {
    node2 = Child.start(dir.resolve("node-2.log"), "node", "--kubeconfig", dir.resolve("data/kubeconfig").toString(),
        "--name", "node-2", "--pod-cidr", NODE2_PODS + "0/24", "--port", "0", "--no-proxy",
        // renewed every 2 s: within keel up's shortened 8 s grace period (the default 10 s renewal would not be)
        "--node-lease-duration", "8s", "--data-dir", dir.resolve("node-2").toString());
    await("node-2 Ready", () -> nodeReady("node-2"));
    // node-1 is cordoned while scaling up, so the 3 new pods must land on node-2 (spreading alone only prefers it)
    k.ok("cordon", "node-1");
    k.ok("scale", "deployment", "hello", "--replicas", "6");
    List<JsonNode> six = await("3 new hello pods running on node-2", () -> readyPods("app=hello", 6));
    assertEquals(3, six.stream().filter(p -> p.path("spec").path("nodeName").asText().equals("node-2")).count(),
        "the pods created while node-1 was cordoned");
    k.ok("uncordon", "node-1");
    node2.kill(); // the agent dies: its Lease is no longer renewed
    await("6 ready hello pods, all on node-1", () -> {
      List<JsonNode> ready = readyPods("app=hello", 6);
      JsonNode all = k.json("get", "pods", "-l", "app=hello").path("items");
      return ready != null && all.size() == 6 && ready.stream().allMatch(p -> p.path("spec").path("nodeName")
          .asText().equals("node-1")) ? ready : null;
    });
    String node2Ready = k.ok("get", "node", "node-2", "-o",
        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
    assertEquals("Unknown", node2Ready.strip());
    killPodProcesses(NODE2_PODS);
    k.ok("scale", "deployment", "hello", "--replicas", "3");
  }

  @Test
  @Order(8)
  void deletingTheDeploymentStopsEveryProcess() throws Exception {
    k.ok("delete", "deployment", "hello", "--wait=true", "--timeout=60s");
    await("no hello pods", () -> k.json("get", "pods", "-l", "app=hello").path("items").isEmpty() ? "" : null);
    await("no pod process left on node-1", () -> podProcesses(NODE1_PODS).isEmpty() ? "" : null);
  }

  // ---- helpers ----

  /** The pods matching {@code selector} when exactly {@code n} exist and all are Running and Ready; else null. */
  private List<JsonNode> readyPods(String selector, int n) {
    JsonNode items = k.json("get", "pods", "-l", selector).path("items");
    if (items.size() != n) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : items) {
      boolean ready = false;
      for (JsonNode c : p.path("status").path("conditions")) {
        ready |= c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      if (!ready || !p.path("status").path("phase").asText().equals("Running")
          || !p.path("metadata").path("deletionTimestamp").isMissingNode()) {
        return null;
      }
      out.add(p);
    }
    return out;
  }

  private Boolean nodeReady(String name) {
    Kubectl.Result r = k.run("get", "node", name, "-o",
        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
    return r.code() == 0 && r.out().strip().equals("True") ? Boolean.TRUE : null;
  }

  private static long pid(JsonNode pod) {
    String id = pod.path("status").path("containerStatuses").path(0).path("containerID").asText();
    assertTrue(id.startsWith("process://"), "a process container: " + id);
    return Long.parseLong(id.substring("process://".length()));
  }

  /** Processes whose command line names an address of {@code prefix} (the examples bind $(POD_IP)). */
  private static List<ProcessHandle> podProcesses(String prefix) {
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(prefix)).orElse(false))
        .toList();
  }

  private static void killPodProcesses(String prefix) {
    for (ProcessHandle h : podProcesses(prefix)) {
      h.destroyForcibly();
    }
  }

  private <T> T await(String what, Supplier<T> probe) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what + "\n" + state());
      }
      Thread.sleep(500); // polling the cluster through kubectl: there is no event to wait on
    }
  }

  /** What a person would look at when a wait times out: pods, nodes, and the tails of the agents' logs. */
  private String state() {
    StringBuilder out = new StringBuilder();
    if (k != null) {
      out.append(k.run("get", "pods", "-o", "wide").out()).append(k.run("get", "nodes", "-o", "wide").out());
    }
    if (node2 != null) {
      out.append("--- node-2 log ---\n").append(node2.tail());
    }
    if (up != null) {
      out.append("--- keel up log ---\n").append(up.tail());
    }
    return out.toString();
  }

  private static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples"))) {
        return p.resolve("examples");
      }
    }
    throw new AssertionError("no examples/ directory above " + here);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
