package dev.keel.controllers.manager;

import dev.keel.api.informer.InformerFactory;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One leadership term's controllers and the informers they share. Built (handlers registered, informers started)
 * while standing by, so caches are warm when leadership comes; started on leadership; closed, controllers first,
 * when leadership goes, after which the manager builds a fresh set (a controller starts once and informers cannot
 * drop handlers, so a new term gets new objects).
 */
final class ControllerSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerSet.class);

    private final InformerFactory informers;
    private final List<Controller> controllers = new ArrayList<>();
    /** Guarded by {@code this}. */
    private boolean started;
    private boolean closed;

    ControllerSet(ControllerContext ctx, List<ControllerFactory> factories) {
        this.informers = ctx.informers();
        try {
            for (ControllerFactory f : factories) {
                controllers.add(f.create().apply(ctx));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        informers.start();
    }

    boolean awaitSynced(Duration timeout) throws InterruptedException {
        return informers.awaitSynced(timeout);
    }

    synchronized void startControllers() {
        if (started || closed) {
            return;
        }
        started = true;
        for (Controller c : controllers) {
            c.start();
            LOG.info("started controller {}", c.name());
        }
    }

    synchronized boolean started() {
        return started;
    }

    List<String> names() {
        return controllers.stream().map(Controller::name).toList();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (int i = controllers.size() - 1; i >= 0; i--) {
            try {
                controllers.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("closing controller {} failed", controllers.get(i).name(), e);
            }
        }
        informers.close();
    }
}
