/**
 * Container probes (liveness, readiness, startup), as the kubelet runs them.
 *
 * <p>{@link dev.keel.node.probe.Prober} runs one check (exec, httpGet or tcpSocket) and answers a
 * {@link dev.keel.node.probe.ProbeResult}. {@link dev.keel.node.probe.ProbeManager} keeps one
 * {@link dev.keel.node.probe.ProbeWorker} per probe of each running container, applies the probe's timing and
 * thresholds, and tells a {@link dev.keel.node.probe.ProbeListener} when a probe's {@link
 * dev.keel.node.probe.ProbeState} changes. Wiring in the node agent:
 *
 * <pre>{@code
 *   ProbeManager probes = new ProbeManager(ProbeConfig.defaults(), event -> podWorkers.enqueue(event.target().podKey()));
 *   probes.start();
 *   // container started (a new containerId per start, restarts included):
 *   probes.add(new ProbeTarget(podKey, container.name(), containerId, podIP, container, env, workDir));
 *   // container exited or is being restarted:
 *   probes.remove(containerId);
 *   // status sync: probes.status(containerId) -> started / ready / live
 * }</pre>
 */
package dev.keel.node.probe;
