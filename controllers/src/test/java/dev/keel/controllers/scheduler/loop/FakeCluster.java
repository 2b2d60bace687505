package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Binding;
import dev.keel.api.core.Event;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory stand-in for the apiserver behind {@link SchedulerClient}, until the real REST client exists: it
 * keeps nodes and pods, delivers watch events synchronously (or holds binding events back on request), rejects
 * binding an already bound pod with a conflict, and records events.
 */
final class FakeCluster implements SchedulerClient {
    /** Guards every field below; watch handlers run while it is held, one event at a time. */
    private final Object lock = new Object();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<ObjectHandler<Node>> nodeHandlers = new ArrayList<>();
    private final List<ObjectHandler<Pod>> podHandlers = new ArrayList<>();
    private final List<Runnable> heldBindEvents = new ArrayList<>();
    private int failNextBinds;
    private boolean holdBindEvents;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> bindings = new CopyOnWriteArrayList<>();

    void addNode(Node node) {
        synchronized (lock) {
            nodes.put(node.metadata().name(), node);
            nodeHandlers.forEach(h -> h.onAdd(node));
        }
    }

    void createPod(Pod pod) {
        synchronized (lock) {
            pods.put(pod.metadata().key(), pod);
            podHandlers.forEach(h -> h.onAdd(pod));
        }
    }

    void deletePod(String key) {
        synchronized (lock) {
            Pod old = pods.remove(key);
            podHandlers.forEach(h -> h.onDelete(old));
        }
    }

    Optional<Pod> pod(String key) {
        synchronized (lock) {
            return Optional.ofNullable(pods.get(key));
        }
    }

    void failNextBinds(int n) {
        synchronized (lock) {
            failNextBinds = n;
        }
    }

    void holdBindEvents(boolean hold) {
        synchronized (lock) {
            holdBindEvents = hold;
            if (!hold) {
                heldBindEvents.forEach(Runnable::run);
                heldBindEvents.clear();
            }
        }
    }

    @Override
    public AutoCloseable watchNodes(ObjectHandler<Node> handler) {
        synchronized (lock) {
            nodeHandlers.add(handler);
            nodes.values().forEach(handler::onAdd);
        }
        return () -> {
            synchronized (lock) {
                nodeHandlers.remove(handler);
            }
        };
    }

    @Override
    public AutoCloseable watchPods(ObjectHandler<Pod> handler) {
        synchronized (lock) {
            podHandlers.add(handler);
            pods.values().forEach(handler::onAdd);
        }
        return () -> {
            synchronized (lock) {
                podHandlers.remove(handler);
            }
        };
    }

    @Override
    public CompletableFuture<Void> bind(Binding binding) {
        String key = binding.metadata().key();
        synchronized (lock) {
            if (failNextBinds > 0) {
                failNextBinds--;
                return CompletableFuture.failedFuture(new IllegalStateException("injected bind failure for " + key));
            }
            Pod old = pods.get(key);
            if (old == null || old.spec().nodeName() != null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "Operation cannot be fulfilled on pods/binding \"" + key + "\": pod is already assigned"));
            }
            Pod bound = old.withSpec(old.spec().withNodeName(binding.target().name()));
            pods.put(key, bound);
            bindings.add(key + "->" + binding.target().name());
            Runnable deliver = () -> podHandlers.forEach(h -> h.onUpdate(old, bound));
            if (holdBindEvents) {
                heldBindEvents.add(deliver);
            } else {
                deliver.run();
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<Void> updatePodCondition(Pod pod, Condition condition) {
        synchronized (lock) {
            Pod old = pods.get(pod.metadata().key());
            if (old == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("pod not found"));
            }
            List<Condition> conditions = new ArrayList<>(old.status().conditions());
            conditions.removeIf(c -> c.type().equals(condition.type()));
            conditions.add(condition);
            Pod updated = old.withStatus(old.status().toBuilder().conditions(conditions).build());
            pods.put(pod.metadata().key(), updated);
            podHandlers.forEach(h -> h.onUpdate(old, updated));
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<Void> recordEvent(Event event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }
}
