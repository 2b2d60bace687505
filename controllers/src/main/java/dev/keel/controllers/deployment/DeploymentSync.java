package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentStatus;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.client.AlreadyExistsException;
import dev.keel.api.client.ApiException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.PatchType;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One sync of one Deployment (Kubernetes' deployment controller {@code syncDeployment} and its rolling, recreate,
 * scaling, cleanup and status steps), over the ReplicaSets it owns. Every write is a compare-and-swap on the
 * resourceVersion the decision was based on, so a stale cache costs a 409 and a retry, never a wrong scale. The
 * latest version of each ReplicaSet written during the sync is kept, so later steps see earlier writes.
 *
 * <p>One deliberate difference from Kubernetes: when deciding how far to scale the new ReplicaSet up, each
 * ReplicaSet counts as the larger of its spec and status replicas, so pods that a just-scaled-down ReplicaSet has
 * not deleted yet still count against maxSurge (Kubernetes counts specs only and may briefly exceed it).
 */
final class DeploymentSync {
    private final SyncTools t;
    private Deployment d;
    /** Latest known version of each owned ReplicaSet, by uid. */
    private final Map<String, ReplicaSet> rss = new LinkedHashMap<>();
    /** Pods matching the Deployment's selector, by the uid of the ReplicaSet controlling them. */
    private final Map<String, List<Pod>> podsByRs;

    private record NewAndOld(ReplicaSet newRS, List<ReplicaSet> old) {
        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(old);
            if (newRS != null) {
                all.add(newRS);
            }
            return all;
        }
    }

    DeploymentSync(SyncTools tools, Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> podsByRs) {
        this.t = tools;
        this.d = d;
        for (ReplicaSet rs : owned) {
            rss.put(rs.metadata().uid(), rs);
        }
        this.podsByRs = podsByRs;
    }

    void run() {
        if (d.metadata().deletionTimestamp() != null) {
            NewAndOld s = getAll(false);
            syncDeploymentStatus(s.all(), s.newRS());
            return;
        }
        checkPausedConditions();
        if (Boolean.TRUE.equals(d.spec().paused()) || isScalingEvent()) {
            syncScaleOnly();
            return;
        }
        if (Fenceposts.isRollingUpdate(d)) {
            rolloutRolling();
        } else {
            rolloutRecreate();
        }
    }

    // ---- the new and old ReplicaSets, revisions ----

    private ReplicaSet latest(ReplicaSet rs) {
        return rs == null ? null : rss.getOrDefault(rs.metadata().uid(), rs);
    }

    private List<ReplicaSet> latest(List<ReplicaSet> list) {
        List<ReplicaSet> out = new ArrayList<>(list.size());
        for (ReplicaSet rs : list) {
            out.add(latest(rs));
        }
        return out;
    }

    private NewAndOld getAll(boolean create) {
        List<ReplicaSet> all = new ArrayList<>(rss.values());
        Optional<ReplicaSet> existing = ReplicaSets.findNew(d.spec().template(), all, t.json());
        List<ReplicaSet> old = new ArrayList<>(all);
        existing.ifPresent(e -> old.removeIf(rs -> rs.metadata().uid().equals(e.metadata().uid())));
        ReplicaSet newRS = newReplicaSet(existing, old, create);
        return new NewAndOld(newRS, latest(old));
    }

    private ReplicaSet newReplicaSet(Optional<ReplicaSet> existing, List<ReplicaSet> old, boolean create) {
        long newRevision = Revisions.max(old) + 1;
        int maxSurge = Fenceposts.maxSurge(d);
        if (existing.isPresent()) {
            ReplicaSet rs = existing.get();
            Map<String, String> annotations = Revisions.forNewReplicaSet(d, rs.metadata().annotations(), newRevision,
                    true, maxSurge);
            boolean minReadyChanged = !Objects.equals(rs.spec().minReadySeconds(), d.spec().minReadySeconds());
            if (!annotations.equals(rs.metadata().annotations()) || minReadyChanged) {
                ReplicaSetSpec spec = new ReplicaSetSpec(rs.spec().replicas(), d.spec().minReadySeconds(),
                        rs.spec().selector(), rs.spec().template(), rs.spec().unknownFields());
                rs = put(t.replicaSets().update(rs.withMetadata(rs.metadata().toBuilder().annotations(annotations)
                        .build()).withSpec(spec)));
            }
            setDeploymentRevision(rs.metadata().annotations().get(Revisions.REVISION));
            if (DeploymentStatuses.hasProgressDeadline(d)
                    && DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING).isEmpty()) {
                writeStatus(DeploymentConditions.set(d.status(), DeploymentConditions.of(
                        DeploymentConditions.PROGRESSING, "True", DeploymentConditions.FOUND_NEW_RS,
                        "Found new replica set \"" + rs.metadata().name() + "\"", t.now())));
            }
            return rs;
        }
        if (!create) {
            return null;
        }
        String hash = TemplateHash.of(d.spec().template(), d.status().collisionCount(), t.json());
        PodTemplateSpec dt = d.spec().template();
        Map<String, String> labels = new HashMap<>(dt.metadata().labels());
        labels.put(TemplateHash.LABEL, hash);
        PodTemplateSpec template = dt.withMetadata(dt.metadata().toBuilder().labels(labels).build());
        LabelSelector ds = d.spec().selector();
        Map<String, String> matchLabels = new HashMap<>(ds.matchLabels());
        matchLabels.put(TemplateHash.LABEL, hash);
        LabelSelector selector = new LabelSelector(matchLabels, ds.matchExpressions(), ds.unknownFields());
        String name = d.metadata().name() + "-" + hash;
        ReplicaSet draft = ReplicaSet.of(ObjectMeta.builder().namespace(d.metadata().namespace()).name(name)
                        .labels(labels)
                        .annotations(Revisions.forNewReplicaSet(d, Map.of(), newRevision, false, maxSurge))
                        .ownerReferences(List.of(OwnerReference.controllerOf(d))).build(),
                new ReplicaSetSpec(0, d.spec().minReadySeconds(), selector, template, Map.of()));
        List<ReplicaSet> withDraft = new ArrayList<>(old);
        withDraft.add(draft);
        int replicas = newRSNewReplicas(withDraft, draft);
        draft = draft.withSpec(draft.spec().withReplicas(replicas));
        ReplicaSet created;
        try {
            created = t.replicaSets().create(draft);
        } catch (AlreadyExistsException e) {
            ReplicaSet there = t.replicaSets().get(d.metadata().namespace(), name);
            boolean ours = there.metadata().controllerRef().map(r -> r.uid().equals(d.metadata().uid()))
                    .orElse(false);
            if (ours && ReplicaSets.equalIgnoringHash(there.spec().template(), dt, t.json())) {
                return put(there); // our cache had not seen it yet
            }
            int collisions = d.status().collisionCount() == null ? 1 : d.status().collisionCount() + 1;
            writeStatus(d.status().toBuilder().collisionCount(collisions).build());
            throw new IllegalStateException("hash collision for the new ReplicaSet " + name + " of deployment "
                    + d.metadata().key() + "; collisionCount is now " + collisions);
        } catch (ApiException e) {
            if (DeploymentStatuses.hasProgressDeadline(d)) {
                writeStatus(DeploymentConditions.set(d.status(), DeploymentConditions.of(
                        DeploymentConditions.PROGRESSING, "False", DeploymentConditions.FAILED_RS_CREATE,
                        "Failed to create new replica set \"" + name + "\": " + e.getMessage(), t.now())));
            }
            throw e;
        }
        put(created);
        if (replicas > 0) {
            t.events().normal(d, "ScalingReplicaSet", "Scaled up replica set " + name + " to " + replicas);
        }
        setDeploymentRevision(Long.toString(newRevision));
        if (DeploymentStatuses.hasProgressDeadline(d)) {
            writeStatus(DeploymentConditions.set(d.status(), DeploymentConditions.of(
                    DeploymentConditions.PROGRESSING, "True", DeploymentConditions.NEW_RS_CREATED,
                    "Created new replica set \"" + name + "\"", t.now())));
        }
        return created;
    }

    private ReplicaSet put(ReplicaSet rs) {
        rss.put(rs.metadata().uid(), rs);
        return rs;
    }

    /** Sets the Deployment's revision annotation (a merge patch conditional on its resourceVersion). */
    private void setDeploymentRevision(String revision) {
        if (revision == null || revision.equals(d.metadata().annotations().get(Revisions.REVISION))) {
            return;
        }
        ObjectNode patch = t.json().createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.putObject("annotations").put(Revisions.REVISION, revision);
        meta.put("resourceVersion", d.metadata().resourceVersion());
        d = t.deployments().patch(d.metadata().namespace(), d.metadata().name(), PatchType.MERGE, patch.toString());
    }

    private void writeStatus(DeploymentStatus status) {
        d = t.deployments().updateStatus(d.withStatus(status));
    }

    // ---- scaling ----

    /** How many replicas the new ReplicaSet may have now. */
    private int newRSNewReplicas(List<ReplicaSet> all, ReplicaSet newRS) {
        int replicas = Fenceposts.replicas(d);
        if (!Fenceposts.isRollingUpdate(d)) {
            return replicas;
        }
        int current = ReplicaSets.podUpperBound(all);
        int maxTotal = replicas + Fenceposts.maxSurge(d);
        int have = ReplicaSets.specReplicas(newRS);
        if (current >= maxTotal) {
            return have;
        }
        int up = Math.min(maxTotal - current, replicas - have);
        return have + Math.max(0, up);
    }

    /** Scales {@code rs} to {@code size} (and refreshes its replica annotations); true if the size changed. */
    private boolean scale(ReplicaSet rs, int size) {
        rs = latest(rs);
        int replicas = Fenceposts.replicas(d);
        int max = replicas + Fenceposts.maxSurge(d);
        int from = ReplicaSets.specReplicas(rs);
        boolean sizeChanged = from != size;
        if (!sizeChanged && !Revisions.replicasAnnotationsNeedUpdate(rs, replicas, max)) {
            return false;
        }
        ReplicaSet next = rs.withMetadata(rs.metadata().toBuilder()
                        .annotations(Revisions.withReplicasAnnotations(rs.metadata().annotations(), replicas, max))
                        .build())
                .withSpec(rs.spec().withReplicas(size));
        put(t.replicaSets().update(next));
        if (sizeChanged) {
            t.events().normal(d, "ScalingReplicaSet", "Scaled " + (size > from ? "up" : "down") + " replica set "
                    + rs.metadata().name() + " from " + from + " to " + size);
        }
        return sizeChanged;
    }

    private boolean isScalingEvent() {
        NewAndOld s = getAll(false);
        int replicas = Fenceposts.replicas(d);
        for (ReplicaSet rs : ReplicaSets.active(s.all())) {
            int desired = Revisions.desiredReplicas(rs);
            if (desired >= 0 && desired != replicas) {
                return true;
            }
        }
        return false;
    }

    /** Paused or scaling: resize proportionally, clean up history when paused, report status. */
    private void syncScaleOnly() {
        NewAndOld s = getAll(false);
        proportionalScale(s.newRS(), s.old());
        if (Boolean.TRUE.equals(d.spec().paused())) {
            cleanup(latest(s.old()));
        }
        syncDeploymentStatus(latest(s.all()), latest(s.newRS()));
    }

    private void proportionalScale(ReplicaSet newRS, List<ReplicaSet> old) {
        int replicas = Fenceposts.replicas(d);
        ReplicaSet activeOrLatest = activeOrLatest(newRS, old);
        if (activeOrLatest != null) {
            scale(activeOrLatest, replicas);
            return;
        }
        if (saturated(newRS)) {
            for (ReplicaSet rs : ReplicaSets.active(old)) {
                scale(rs, 0);
            }
            return;
        }
        if (!Fenceposts.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> all = new ArrayList<>(old);
        if (newRS != null) {
            all.add(newRS);
        }
        all = ReplicaSets.active(all);
        int allowed = replicas > 0 ? replicas + Fenceposts.maxSurge(d) : 0;
        int toAdd = allowed - ReplicaSets.specSum(all);
        if (toAdd > 0) {
            all.sort(ReplicaSets.BY_SIZE_NEWER);
        } else if (toAdd < 0) {
            all.sort(ReplicaSets.BY_SIZE_OLDER);
        }
        int added = 0;
        int[] sizes = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ReplicaSet rs = all.get(i);
            int p = toAdd == 0 ? 0 : proportion(rs, toAdd, added);
            sizes[i] = ReplicaSets.specReplicas(rs) + p;
            added += p;
        }
        for (int i = 0; i < all.size(); i++) {
            if (i == 0 && toAdd != 0) {
                sizes[0] = Math.max(0, sizes[0] + toAdd - added);
            }
            scale(all.get(i), sizes[i]);
        }
    }

    private ReplicaSet activeOrLatest(ReplicaSet newRS, List<ReplicaSet> old) {
        if (newRS == null && old.isEmpty()) {
            return null;
        }
        List<ReplicaSet> sortedOld = new ArrayList<>(old);
        sortedOld.sort(ReplicaSets.BY_CREATION.reversed());
        List<ReplicaSet> all = new ArrayList<>(sortedOld);
        if (newRS != null) {
            all.add(newRS);
        }
        List<ReplicaSet> active = ReplicaSets.active(all);
        if (active.isEmpty()) {
            return newRS != null ? newRS : sortedOld.get(0);
        }
        return active.size() == 1 ? active.get(0) : null;
    }

    private boolean saturated(ReplicaSet rs) {
        int replicas = Fenceposts.replicas(d);
        return rs != null && Revisions.desiredReplicas(rs) == replicas
                && ReplicaSets.n(rs.status().availableReplicas()) == replicas
                && ReplicaSets.specReplicas(rs) == replicas;
    }

    private int proportion(ReplicaSet rs, int toAdd, int added) {
        if (rs == null || ReplicaSets.specReplicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private int fraction(ReplicaSet rs) {
        int replicas = Fenceposts.replicas(d);
        int spec = ReplicaSets.specReplicas(rs);
        if (replicas == 0) {
            return -spec;
        }
        int deploymentReplicas = replicas + Fenceposts.maxSurge(d);
        int annotated = Revisions.maxReplicas(rs);
        if (annotated < 0) {
            annotated = ReplicaSets.n(d.status().replicas());
        }
        if (annotated <= 0) {
            return 0;
        }
        long size = Math.round((double) spec * deploymentReplicas / annotated);
        return (int) size - spec;
    }

    // ---- rolling update ----

    private void rolloutRolling() {
        NewAndOld s = getAll(true);
        if (reconcileNew(s.all(), s.newRS())) {
            syncRolloutStatus(latest(s.all()), latest(s.newRS()));
            return;
        }
        if (reconcileOld(s.all(), ReplicaSets.active(s.old()), s.newRS())) {
            syncRolloutStatus(latest(s.all()), latest(s.newRS()));
            return;
        }
        if (DeploymentStatuses.complete(d, d.status())) {
            cleanup(latest(s.old()));
        }
        syncRolloutStatus(latest(s.all()), latest(s.newRS()));
    }

    private boolean reconcileNew(List<ReplicaSet> all, ReplicaSet newRS) {
        int replicas = Fenceposts.replicas(d);
        int have = ReplicaSets.specReplicas(newRS);
        if (have == replicas) {
            return false;
        }
        if (have > replicas) {
            return scale(newRS, replicas);
        }
        return scale(newRS, newRSNewReplicas(all, newRS));
    }

    private boolean reconcileOld(List<ReplicaSet> all, List<ReplicaSet> oldActive, ReplicaSet newRS) {
        if (ReplicaSets.specSum(oldActive) == 0) {
            return false;
        }
        int minAvailable = Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d);
        int newUnavailable = ReplicaSets.specReplicas(newRS) - ReplicaSets.n(newRS.status().availableReplicas());
        int maxScaledDown = ReplicaSets.specSum(all) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = cleanupUnhealthy(oldActive, maxScaledDown);
        List<ReplicaSet> old = latest(oldActive);
        List<ReplicaSet> all2 = new ArrayList<>(old);
        all2.add(latest(newRS));
        int scaledDown = scaleDownOldForRolling(all2, old, minAvailable);
        return cleaned + scaledDown > 0;
    }

    /** Scales old ReplicaSets down by their unavailable replicas first, oldest first, up to {@code max} in all. */
    private int cleanupUnhealthy(List<ReplicaSet> old, int max) {
        List<ReplicaSet> sorted = new ArrayList<>(old);
        sorted.sort(ReplicaSets.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            rs = latest(rs);
            if (total >= max) {
                break;
            }
            int spec = ReplicaSets.specReplicas(rs);
            int unhealthy = spec - ReplicaSets.n(rs.status().availableReplicas());
            if (spec == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(max - total, unhealthy);
            scale(rs, spec - down);
            total += down;
        }
        return total;
    }

    /**
     * Scales old ReplicaSets down, oldest first, as far as availability allows. A ReplicaSet's available pods count
     * at most up to its spec, since a just-scaled-down one is about to lose the rest.
     */
    private int scaleDownOldForRolling(List<ReplicaSet> all, List<ReplicaSet> old, int minAvailable) {
        int available = ReplicaSets.sum(all, rs -> Math.min(ReplicaSets.n(rs.status().availableReplicas()),
                ReplicaSets.specReplicas(rs)));
        if (available <= minAvailable) {
            return 0;
        }
        int totalDown = available - minAvailable;
        List<ReplicaSet> sorted = new ArrayList<>(old);
        sorted.sort(ReplicaSets.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            rs = latest(rs);
            if (total >= totalDown) {
                break;
            }
            int spec = ReplicaSets.specReplicas(rs);
            if (spec == 0) {
                continue;
            }
            int down = Math.min(spec, totalDown - total);
            scale(rs, spec - down);
            total += down;
        }
        return total;
    }

    // ---- recreate ----

    private void rolloutRecreate() {
        NewAndOld s = getAll(false);
        boolean scaledDown = false;
        for (ReplicaSet rs : ReplicaSets.active(s.old())) {
            scaledDown |= scale(rs, 0);
        }
        if (scaledDown || oldPodsRunning(s.newRS(), latest(s.old()))) {
            syncRolloutStatus(latest(s.all()), latest(s.newRS()));
            return;
        }
        if (s.newRS() == null) {
            s = getAll(true);
        }
        scale(s.newRS(), Fenceposts.replicas(d));
        if (DeploymentStatuses.complete(d, d.status())) {
            cleanup(latest(s.old()));
        }
        syncRolloutStatus(latest(s.all()), latest(s.newRS()));
    }

    private boolean oldPodsRunning(ReplicaSet newRS, List<ReplicaSet> old) {
        if (ReplicaSets.actualSum(old) > 0) {
            return true;
        }
        for (Map.Entry<String, List<Pod>> e : podsByRs.entrySet()) {
            if (newRS != null && e.getKey().equals(newRS.metadata().uid())) {
                continue;
            }
            for (Pod p : e.getValue()) {
                String phase = p.status().phase();
                if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- history ----

    /** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
    private void cleanup(List<ReplicaSet> old) {
        Integer limit = d.spec().revisionHistoryLimit();
        if (limit == null || limit == Integer.MAX_VALUE) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>();
        for (ReplicaSet rs : old) {
            if (rs != null && rs.metadata().deletionTimestamp() == null) {
                cleanable.add(rs);
            }
        }
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(ReplicaSets.BY_REVISION);
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            long observed = rs.status().observedGeneration() == null ? 0 : rs.status().observedGeneration();
            long generation = rs.metadata().generation() == null ? 0 : rs.metadata().generation();
            if (ReplicaSets.statusReplicas(rs) != 0 || ReplicaSets.specReplicas(rs) != 0 || generation > observed) {
                continue;
            }
            try {
                t.replicaSets().delete(rs.metadata().namespace(), rs.metadata().name(),
                        DeleteOptions.defaults().withPreconditions(rs.metadata().uid(), null));
            } catch (NotFoundException gone) {
                // already gone
            }
            rss.remove(rs.metadata().uid());
        }
    }

    // ---- status ----

    private void checkPausedConditions() {
        if (!DeploymentStatuses.hasProgressDeadline(d)) {
            return;
        }
        Optional<Condition> cur = DeploymentConditions.get(d.status(), DeploymentConditions.PROGRESSING);
        if (cur.isPresent() && DeploymentConditions.TIMED_OUT.equals(cur.get().reason())) {
            return;
        }
        boolean pausedCond = cur.isPresent() && DeploymentConditions.PAUSED.equals(cur.get().reason());
        boolean paused = Boolean.TRUE.equals(d.spec().paused());
        if (paused && !pausedCond) {
            writeStatus(DeploymentConditions.set(d.status(), DeploymentConditions.of(
                    DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.PAUSED,
                    "Deployment is paused", t.now())));
        } else if (!paused && pausedCond) {
            writeStatus(DeploymentConditions.set(d.status(), DeploymentConditions.of(
                    DeploymentConditions.PROGRESSING, "Unknown", DeploymentConditions.RESUMED,
                    "Deployment is resumed", t.now())));
        }
    }

    private void syncDeploymentStatus(List<ReplicaSet> all, ReplicaSet newRS) {
        DeploymentStatus s = DeploymentStatuses.calculate(d, newRS, all, t.now());
        if (!s.equals(d.status())) {
            writeStatus(s);
        }
    }

    private void syncRolloutStatus(List<ReplicaSet> all, ReplicaSet newRS) {
        Instant now = t.now();
        DeploymentStatus s = DeploymentStatuses.calculate(d, newRS, all, now);
        boolean deadline = DeploymentStatuses.hasProgressDeadline(d);
        if (!deadline) {
            s = DeploymentConditions.remove(s, DeploymentConditions.PROGRESSING);
        }
        Optional<Condition> cur = DeploymentConditions.get(s, DeploymentConditions.PROGRESSING);
        boolean completeBefore = ReplicaSets.n(s.replicas()) == ReplicaSets.n(s.updatedReplicas())
                && cur.isPresent() && DeploymentConditions.NEW_RS_AVAILABLE.equals(cur.get().reason());
        String rsName = newRS == null ? null : newRS.metadata().name();
        if (deadline && !completeBefore) {
            if (DeploymentStatuses.complete(d, s)) {
                s = DeploymentConditions.set(s, DeploymentConditions.of(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.NEW_RS_AVAILABLE,
                        "ReplicaSet \"" + rsName + "\" has successfully progressed.", now));
            } else if (DeploymentStatuses.progressing(d, s)) {
                String msg = rsName == null ? "Deployment \"" + d.metadata().name() + "\" is progressing."
                        : "ReplicaSet \"" + rsName + "\" is progressing.";
                Instant transition = now;
                if (cur.isPresent() && cur.get().isTrue() && cur.get().lastTransitionTime() != null) {
                    transition = cur.get().lastTransitionTime();
                }
                s = DeploymentConditions.remove(s, DeploymentConditions.PROGRESSING);
                s = DeploymentConditions.set(s, new Condition(DeploymentConditions.PROGRESSING, "True", null, null,
                        now, transition, DeploymentConditions.RS_UPDATED, msg, Map.of()));
            } else if (DeploymentStatuses.timedOut(d, s, now)) {
                s = DeploymentConditions.set(s, DeploymentConditions.of(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.TIMED_OUT, "ReplicaSet \"" + rsName + "\" has timed out progressing.",
                        now));
            }
        }
        s = replicaFailure(s, newRS, now);
        if (s.equals(d.status())) {
            requeueStuck(s, now);
            return;
        }
        writeStatus(s);
    }

    private DeploymentStatus replicaFailure(DeploymentStatus s, ReplicaSet newRS, Instant now) {
        Optional<Condition> failure = newRS == null ? Optional.empty() : newRS.status().conditions().stream()
                .filter(c -> DeploymentConditions.REPLICA_FAILURE.equals(c.type()) && c.isTrue()).findFirst();
        if (failure.isPresent()) {
            return DeploymentConditions.set(s, DeploymentConditions.of(DeploymentConditions.REPLICA_FAILURE, "True",
                    failure.get().reason(), failure.get().message(), now));
        }
        return DeploymentConditions.get(s, DeploymentConditions.REPLICA_FAILURE).isPresent()
                ? DeploymentConditions.remove(s, DeploymentConditions.REPLICA_FAILURE) : s;
    }

    /** Nothing changed: come back when the progress deadline would pass, to report ProgressDeadlineExceeded. */
    private void requeueStuck(DeploymentStatus s, Instant now) {
        Optional<Condition> cur = DeploymentConditions.get(s, DeploymentConditions.PROGRESSING);
        if (!DeploymentStatuses.hasProgressDeadline(d) || cur.isEmpty() || cur.get().lastUpdateTime() == null) {
            return;
        }
        if (DeploymentStatuses.complete(d, s) || DeploymentConditions.TIMED_OUT.equals(cur.get().reason())) {
            return;
        }
        Instant due = cur.get().lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds());
        Duration left = Duration.between(now, due);
        t.enqueueAfter().accept(d.metadata().key(), left.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1) : left.plusSeconds(1));
    }

    /** For tests: the ReplicaSets as last seen or written. */
    List<ReplicaSet> replicaSets() {
        return Collections.unmodifiableList(new ArrayList<>(rss.values()));
    }
}
