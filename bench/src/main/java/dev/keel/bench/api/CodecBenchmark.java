package dev.keel.bench.api;

import dev.keel.api.codec.KubeCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.WatchEvent;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The object codec on a pod as the apiserver stores it (defaults, managedFields, a scheduled condition):
 * bytes to record, as informers do (also as a watch event line), a tree to record, as the apiserver's admission
 * does, and record to bytes, as every write does.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
  static final String STORED_POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-12345","namespace":"bench",\
      "uid":"0b6a3c52-7d0e-4c55-9a37-2f1f3c8e9d41","resourceVersion":"123456","creationTimestamp":\
      "2026-11-26T12:00:00Z","labels":{"app":"bench","tier":"load"},"managedFields":[{"manager":"keel-bench",\
      "operation":"Update","apiVersion":"v1","time":"2026-11-26T12:00:00Z","fieldsType":"FieldsV1","fieldsV1":\
      {"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{},"f:resources":\
      {"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}}}}}}]},"spec":{"containers":[{"name":"c","image":\
      "registry.k8s.io/pause:3.10","resources":{"requests":{"cpu":"100m","memory":"128Mi"}},\
      "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":\
      "IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",\
      "nodeName":"node-417","serviceAccountName":"default","schedulerName":"default-scheduler",\
      "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute",\
      "tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":\
      "NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":\
      "PreemptLowerPriority"},"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True",\
      "lastTransitionTime":"2026-11-26T12:00:01Z"}],"qosClass":"Burstable"}}""";

  private KubeCodec codec;
  private byte[] json;
  private Pod pod;
  private ObjectNode tree;
  private byte[] event;

  @Setup
  public void setUp() {
    codec = new KubeCodec();
    json = STORED_POD.getBytes(StandardCharsets.UTF_8);
    pod = codec.decode(json, Pod.class);
    tree = codec.toTree(pod);
    event = ("{\"type\":\"MODIFIED\",\"object\":" + STORED_POD + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Pod decodePod() {
    return codec.decode(json, Pod.class);
  }

  @Benchmark
  public WatchEvent<Pod> decodeWatchEvent() {
    return codec.decodeWatchEvent(event, Pod.class);
  }

  @Benchmark
  public Pod bindTree() {
    return codec.fromTree(tree, Pod.class);
  }

  @Benchmark
  public byte[] encodePod() {
    return codec.encode(pod);
  }
}
