/**
 * The service proxy of a node: {@link dev.keel.node.proxy.ServiceProxy} watches Services and Endpoints and forwards
 * TCP connections from each Service's ClusterIP (a loopback address, 127.96.0.0/16 by default) and nodePorts to
 * ready endpoints, round-robin. Addressing rules and design choices: docs/proxy.md.
 */
package dev.keel.node.proxy;
