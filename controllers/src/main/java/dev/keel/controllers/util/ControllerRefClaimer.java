package dev.keel.controllers.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.PatchType;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.selector.Selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which objects an owner controls (Kubernetes' {@code ControllerRefManager}): of the candidates (e.g. the
 * active pods in the owner's namespace),
 * <ul>
 *   <li>those whose controller reference names the owner are kept while they match the selector, and released
 *       (the reference removed) once they no longer match;</li>
 *   <li>orphans (no controller reference) that match are adopted: a controller reference ({@code controller: true,
 *       blockOwnerDeletion: true}) is added, unless the owner or the orphan is being deleted, and only after a fresh
 *       read of the owner confirms it still exists with the same uid (the cache may be stale);</li>
 *   <li>objects controlled by someone else are left alone.</li>
 * </ul>
 * Adoption and release are JSON merge patches of {@code metadata.ownerReferences} with the cached
 * {@code resourceVersion} as a precondition, so a concurrent change is a 409 and the owner is synced again.
 */
public final class ControllerRefClaimer<T extends KubeObject> {
    private final ResourceClient<T> client;
    private final ObjectMapper json;

    public ControllerRefClaimer(ResourceClient<T> client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * The candidates {@code owner} controls after adopting and releasing.
     *
     * @param freshOwner reads the owner from the apiserver (not the cache); called at most once, before the first
     *                   adoption
     * @throws IllegalStateException if the owner changed or is being deleted when an adoption was due
     * @throws dev.keel.api.client.ApiException if a patch failed (other than a 404)
     */
    public List<T> claim(KubeObject owner, Selector selector, List<T> candidates, Supplier<KubeObject> freshOwner) {
        List<T> claimed = new ArrayList<>();
        boolean adoptionChecked = false;
        String uid = owner.metadata().uid();
        boolean ownerDeleting = owner.metadata().deletionTimestamp() != null;
        for (T o : candidates) {
            Optional<OwnerReference> ref = o.metadata().controllerRef();
            boolean matches = selector.matches(o.metadata().labels());
            if (ref.isPresent()) {
                if (!uid.equals(ref.get().uid())) {
                    continue;
                }
                if (matches) {
                    claimed.add(o);
                } else if (!ownerDeleting) {
                    release(owner, o);
                }
                continue;
            }
            if (!matches || ownerDeleting || o.metadata().deletionTimestamp() != null) {
                continue;
            }
            if (!adoptionChecked) {
                checkCanAdopt(owner, freshOwner.get());
                adoptionChecked = true;
            }
            adopt(owner, o).ifPresent(claimed::add);
        }
        return claimed;
    }

    private static void checkCanAdopt(KubeObject owner, KubeObject fresh) {
        String what = owner.kind() + " " + owner.metadata().key();
        if (fresh == null || !owner.metadata().uid().equals(fresh.metadata().uid())) {
            throw new IllegalStateException("original " + what + " is gone: got uid "
                    + (fresh == null ? "none" : fresh.metadata().uid()) + ", wanted " + owner.metadata().uid());
        }
        if (fresh.metadata().deletionTimestamp() != null) {
            throw new IllegalStateException(what + " has just been deleted at " + fresh.metadata().deletionTimestamp());
        }
    }

    private Optional<T> adopt(KubeObject owner, T o) {
        List<OwnerReference> refs = new ArrayList<>(o.metadata().ownerReferences());
        refs.removeIf(r -> owner.metadata().uid().equals(r.uid()));
        refs.add(OwnerReference.controllerOf(owner));
        return patchRefs(o, refs);
    }

    private void release(KubeObject owner, T o) {
        List<OwnerReference> refs = new ArrayList<>(o.metadata().ownerReferences());
        refs.removeIf(r -> owner.metadata().uid().equals(r.uid()));
        patchRefs(o, refs);
    }

    private Optional<T> patchRefs(T o, List<OwnerReference> refs) {
        ObjectNode patch = json.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.set("ownerReferences", json.valueToTree(refs));
        meta.put("resourceVersion", o.metadata().resourceVersion());
        try {
            return Optional.of(client.patch(o.metadata().namespace(), o.metadata().name(), PatchType.MERGE,
                    patch.toString()));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }
}
