package dev.keel.controllers.testing;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.Watch;
import dev.keel.api.client.WatchEnd;
import dev.keel.api.client.WatchListener;
import dev.keel.api.client.WatchOptions;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.WatchEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows the pods of a namespace through one watch and checks a rule on every state it observes: the listed
 * state, then the state after each event, in the apiserver's order. Violations are collected (the rule returns a
 * description, or {@code null} when the state is fine).
 */
public final class PodStateMonitor implements AutoCloseable {
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Function<Collection<Pod>, String> rule;
    private final Watch watch;
    private volatile WatchEnd end;
    private volatile int states;

    public PodStateMonitor(KubeClient client, String namespace, Function<Collection<Pod>, String> rule) {
        this.rule = rule;
        ObjectList<Pod> list = client.pods().list(namespace, ListOptions.all());
        synchronized (this) {
            list.items().forEach(p -> pods.put(p.metadata().name(), p));
            check("list");
        }
        this.watch = client.pods().watch(namespace, WatchOptions.from(list.metadata().resourceVersion()),
                new WatchListener<>() {
                    @Override
                    public void onEvent(WatchEvent<Pod> event) {
                        apply(event);
                    }

                    @Override
                    public void onClose(WatchEnd e) {
                        end = e;
                    }
                });
    }

    private synchronized void apply(WatchEvent<Pod> event) {
        if (event instanceof WatchEvent.Failure<Pod> f) {
            violations.add("watch failed: " + f.status().message());
            return;
        }
        WatchEvent.Change<Pod> c = (WatchEvent.Change<Pod>) event;
        Pod p = c.object();
        switch (c.changeType()) {
            case ADDED, MODIFIED -> pods.put(p.metadata().name(), p);
            case DELETED -> pods.remove(p.metadata().name());
            default -> {
                return;
            }
        }
        check(c.changeType() + " " + p.metadata().name() + " rv " + p.metadata().resourceVersion());
    }

    private void check(String after) {
        states++;
        String v = rule.apply(pods.values());
        if (v != null) {
            violations.add("after " + after + ": " + v);
        }
    }

    /** States checked so far. */
    public int states() {
        return states;
    }

    public synchronized List<Pod> current() {
        return new ArrayList<>(pods.values());
    }

    /** The violations; also fails if the watch ended early. */
    public List<String> violations() {
        List<String> out = new ArrayList<>(violations);
        if (end != null) {
            out.add("the watch ended early: " + end);
        }
        return out;
    }

    @Override
    public void close() {
        watch.cancel();
    }
}
