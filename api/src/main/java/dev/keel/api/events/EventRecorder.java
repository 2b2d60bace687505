package dev.keel.api.events;

import dev.keel.api.client.KubeClient;
import dev.keel.api.meta.KubeObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PLACEHOLDER written on branch h-workloads so the ReplicaSet/Deployment controllers compile before the lead's
 * EventRecorder lands on main: same signatures, but it only logs. Replace with main's version at merge.
 */
public final class EventRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private final String component;

    private EventRecorder(String component) {
        this.component = component;
    }

    public static EventRecorder create(KubeClient client, String component, String host) {
        return new EventRecorder(component);
    }

    public void normal(KubeObject regarding, String reason, String message) {
        LOG.debug("{} event Normal {} {}: {}", component, reason, regarding.metadata().key(), message);
    }

    public void warning(KubeObject regarding, String reason, String message) {
        LOG.info("{} event Warning {} {}: {}", component, reason, regarding.metadata().key(), message);
    }

    @Override
    public void close() {
    }
}
