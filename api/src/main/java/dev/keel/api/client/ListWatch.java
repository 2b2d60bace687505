package dev.keel.api.client;

import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectList;

import java.util.concurrent.CompletableFuture;

/**
 * The two calls an informer makes on one resource: list every page, then watch from the list's resourceVersion.
 * {@link ResourceClient} is the implementation; the seam keeps the informer independent of HTTP.
 */
public interface ListWatch<T extends KubeObject> {
    ResourceType<T> resource();

    /**
     * Every page of the list in {@code namespace} ({@code null}: all namespaces), following continue tokens; the
     * result carries the first page's resourceVersion and no continue token.
     */
    CompletableFuture<ObjectList<T>> listAllAsync(String namespace, ListOptions options);

    /** Opens a watch in {@code namespace} ({@code null}: all namespaces). */
    Watch watch(String namespace, WatchOptions options, WatchListener<T> listener);
}
