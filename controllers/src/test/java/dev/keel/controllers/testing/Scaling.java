package dev.keel.controllers.testing;

import dev.keel.api.apps.Scale;
import dev.keel.api.apps.ScaleSpec;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.ResourceClient;

import java.util.Map;

/**
 * Sets replicas through the scale subresource, as {@code kubectl scale --replicas} does with a read-modify-write:
 * the controllers write status concurrently, so a 409 means read again and retry (a bounded number of times).
 */
public final class Scaling {
    private Scaling() {
    }

    public static void scale(ResourceClient<?> client, String ns, String name, int replicas) {
        for (int attempt = 1; ; attempt++) {
            Scale s = client.getScale(ns, name);
            try {
                client.updateScale(new Scale(s.apiVersion(), s.kind(), s.metadata(),
                        new ScaleSpec(replicas, Map.of()), s.status(), Map.of()));
                return;
            } catch (ConflictException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }
}
