package dev.keel.controllers;

/**
 * PLACEHOLDER (branch h-workloads) for the lead's Controller interface: one control loop of the controller-manager.
 * Its constructor registers informer handlers; {@link #start()} starts workers once the shared informers have
 * synced.
 */
public interface Controller extends AutoCloseable {
    String name();

    void start();

    @Override
    void close();
}
