/**
 * The node agent: registers its Node, renews its Lease, runs the pods bound to it through a
 * {@code ContainerRuntime} (OS processes, or hollow for scale tests), runs probes, reports pod status, serves
 * container logs, and hosts the service proxy. A client of the apiserver only (through the {@code api} module).
 */
package dev.keel.node;
