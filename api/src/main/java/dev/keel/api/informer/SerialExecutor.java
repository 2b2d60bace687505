package dev.keel.api.informer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: many informers share a few threads, and each
 * informer's tasks never overlap. After at most {@value #BATCH} tasks it yields the thread to other informers.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int BATCH = 64;

    private final Executor pool;
    private final String name;
    /** Guards {@code tasks} and {@code scheduled}. */
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    /** The thread running a task of this executor, if any. */
    private volatile Thread current;

    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (lock) {
            tasks.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    /** True when called from one of this executor's tasks. */
    boolean inExecutor() {
        return current == Thread.currentThread();
    }

    private void submit() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                log.debug("{}: pool is shut down, dropping {} task(s)", name, tasks.size());
                tasks.clear();
                scheduled = false;
            }
        }
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable next;
                synchronized (lock) {
                    next = tasks.poll();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    log.error("{}: task failed", name, e);
                }
            }
        } finally {
            current = null;
        }
        submit();
    }
}
