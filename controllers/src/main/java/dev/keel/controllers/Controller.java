package dev.keel.controllers;

/**
 * One control loop of the controller-manager. A controller registers its informer handlers in its constructor
 * (taking a {@link ControllerContext} and its own config record); {@link #start()} starts its workers once the
 * shared informers are started and synced; {@link #close()} stops them (the informers belong to the manager).
 */
public interface Controller extends AutoCloseable {
    /** A short name, e.g. {@code replicaset}, used in logs, metrics and flags. */
    String name();

    /** Starts the workers. Called once, after the shared informers have synced. */
    void start();

    /** Stops the workers and waits (bounded) for them. Idempotent. */
    @Override
    void close();
}
