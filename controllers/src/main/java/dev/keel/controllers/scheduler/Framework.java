package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one scheduling cycle for one pod against a {@link Snapshot}: pre-filters, then filters over the nodes until
 * enough feasible ones are found, then pre-scores and scores (each plugin's scores normalised to 0..100, times its
 * weight, summed), and picks the node with the highest total ({@link TieBreaker} among equals).
 *
 * <p>With one feasible node, scoring is skipped. Filtering starts where the previous cycle stopped, so that when
 * only part of a large cluster is evaluated, successive pods see different nodes first.
 *
 * <p>Not thread-safe: one scheduling loop owns a framework and runs one cycle at a time.
 */
public final class Framework {
    private static final Logger LOG = LoggerFactory.getLogger(Framework.class);
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE = 5;
    static final int ADAPTIVE_BASE_PERCENTAGE = 50;

    private final Profile profile;
    private final List<PreFilterPlugin> preFilters;
    private final List<FilterPlugin> filters;
    private final List<PreScorePlugin> preScores;
    private final List<ScorePlugin> scorers;
    private final TieBreaker tieBreaker;
    /** Index in the snapshot's node list where the next cycle starts filtering; confined to the owner thread. */
    private int nextStartNodeIndex;

    public Framework(Profile profile, TieBreaker tieBreaker) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.tieBreaker = Objects.requireNonNull(tieBreaker, "tieBreaker");
        this.preFilters = profile.pluginsOf(PreFilterPlugin.class);
        this.filters = profile.pluginsOf(FilterPlugin.class);
        this.preScores = profile.pluginsOf(PreScorePlugin.class);
        this.scorers = profile.pluginsOf(ScorePlugin.class);
    }

    public Profile profile() {
        return profile;
    }

    /** One full cycle. Plugin exceptions become {@link ScheduleResult.Failed}, never escape. */
    public ScheduleResult schedule(Pod pod, Snapshot snapshot) {
        String podKey = pod.metadata().key();
        CycleState state = new CycleState();
        try {
            Optional<FitError> preFilterRejection = runPreFilters(state, pod, snapshot);
            if (preFilterRejection.isPresent()) {
                return new ScheduleResult.Unschedulable(preFilterRejection.get());
            }
            if (snapshot.size() == 0) {
                return new ScheduleResult.Unschedulable(
                        new FitError(podKey, 0, Map.of(), Optional.empty(), Set.of()));
            }
            Filtered filtered = findFeasibleNodes(state, pod, snapshot);
            if (filtered.feasible.isEmpty()) {
                FitError fit = new FitError(podKey, snapshot.size(), filtered.rejected, Optional.empty(),
                        filtered.rejectingPlugins);
                LOG.debug("pod {} is unschedulable: {}", podKey, fit.message());
                return new ScheduleResult.Unschedulable(fit);
            }
            if (filtered.feasible.size() == 1) {
                return new ScheduleResult.Scheduled(filtered.feasible.get(0).name(), filtered.evaluated, 1);
            }
            List<NodeScore> totals = scoreNodes(state, pod, filtered.feasible);
            String chosen = selectHost(totals);
            LOG.debug("pod {} goes to node {} ({} feasible of {} evaluated)", podKey, chosen,
                    filtered.feasible.size(), filtered.evaluated);
            return new ScheduleResult.Scheduled(chosen, filtered.evaluated, filtered.feasible.size());
        } catch (PluginFailure e) {
            LOG.warn("scheduling pod {} failed: {}", podKey, e.getMessage(), e.getCause());
            return new ScheduleResult.Failed(e.getMessage(), e.getCause());
        }
    }

    /** Runs every filter on one node; the first rejection wins (its plugin is reported with it). */
    public Optional<Rejection> runFilters(CycleState state, Pod pod, NodeInfo node) {
        for (FilterPlugin f : filters) {
            Status s = filter(f, state, pod, node);
            if (s instanceof Status.Error e) {
                throw new PluginFailure("filter plugin " + f.name() + " failed for pod " + pod.metadata().key()
                        + " on node " + node.name() + ": " + e.cause().getMessage(), e.cause());
            }
            if (!s.isSuccess()) {
                return Optional.of(new Rejection(f.name(), s));
            }
        }
        return Optional.empty();
    }

    /**
     * Pre-scores and scores the feasible nodes: for each plugin, raw scores, normalised, checked to be in
     * {@code 0..100}, times the weight; summed per node. The result keeps the order of {@code feasible}.
     */
    public List<NodeScore> scoreNodes(CycleState state, Pod pod, List<NodeInfo> feasible) {
        for (PreScorePlugin p : preScores) {
            Status s = call(() -> p.preScore(state, pod, feasible));
            if (!s.isSuccess()) {
                Throwable cause = s instanceof Status.Error e ? e.cause()
                        : new IllegalStateException(String.join(", ", s.reasons()));
                throw new PluginFailure("pre-score plugin " + p.name() + " failed for pod " + pod.metadata().key()
                        + ": " + cause.getMessage(), cause);
            }
        }
        long[] totals = new long[feasible.size()];
        for (ScorePlugin p : scorers) {
            List<NodeScore> normalized = scoresOf(p, state, pod, feasible);
            long weight = profile.weightOf(p);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += normalized.get(i).score() * weight;
            }
        }
        List<NodeScore> result = new ArrayList<>(totals.length);
        for (int i = 0; i < totals.length; i++) {
            result.add(new NodeScore(feasible.get(i).name(), totals[i]));
        }
        return result;
    }

    /** The node with the highest score; equal best ones go to the tie-breaker, sorted by name. */
    public String selectHost(List<NodeScore> scores) {
        long best = scores.stream().mapToLong(NodeScore::score).max()
                .orElseThrow(() -> new IllegalArgumentException("no node to select from"));
        List<String> candidates = scores.stream().filter(s -> s.score() == best).map(NodeScore::nodeName)
                .sorted().toList();
        return tieBreaker.pick(candidates);
    }

    /** How many feasible nodes to look for in a cluster of {@code numAllNodes} (see {@link Profile}). */
    public int numFeasibleNodesToFind(int numAllNodes) {
        int percentage = profile.percentageOfNodesToScore();
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
            return numAllNodes;
        }
        if (percentage == 0) {
            percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, ADAPTIVE_BASE_PERCENTAGE - numAllNodes / 125);
        }
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, (int) ((long) numAllNodes * percentage / 100));
    }

    private Optional<FitError> runPreFilters(CycleState state, Pod pod, Snapshot snapshot) {
        for (PreFilterPlugin p : preFilters) {
            Status s = call(() -> p.preFilter(state, pod));
            if (s instanceof Status.Error e) {
                throw new PluginFailure("pre-filter plugin " + p.name() + " failed for pod " + pod.metadata().key()
                        + ": " + e.cause().getMessage(), e.cause());
            }
            if (!s.isSuccess()) {
                Map<String, Status> all = new HashMap<>();
                snapshot.nodeInfos().forEach(n -> all.put(n.name(), s));
                return Optional.of(new FitError(pod.metadata().key(), snapshot.size(), all,
                        Optional.of(String.join(", ", s.reasons())), Set.of(p.name())));
            }
        }
        return Optional.empty();
    }

    private Filtered findFeasibleNodes(CycleState state, Pod pod, Snapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodeInfos();
        int wanted = numFeasibleNodesToFind(nodes.size());
        int start = nextStartNodeIndex % nodes.size();
        Filtered out = new Filtered();
        for (int i = 0; i < nodes.size() && out.feasible.size() < wanted; i++) {
            NodeInfo node = nodes.get((start + i) % nodes.size());
            out.evaluated++;
            Optional<Rejection> rejection = runFilters(state, pod, node);
            if (rejection.isEmpty()) {
                out.feasible.add(node);
            } else {
                out.rejected.put(node.name(), rejection.get().status());
                out.rejectingPlugins.add(rejection.get().plugin());
            }
        }
        nextStartNodeIndex = (start + out.evaluated) % nodes.size();
        return out;
    }

    private List<NodeScore> scoresOf(ScorePlugin p, CycleState state, Pod pod, List<NodeInfo> feasible) {
        List<NodeScore> raw = new ArrayList<>(feasible.size());
        for (NodeInfo n : feasible) {
            long score;
            try {
                score = p.score(state, pod, n);
            } catch (RuntimeException e) {
                throw scoreFailure(p, pod, e);
            }
            raw.add(new NodeScore(n.name(), score));
        }
        List<NodeScore> normalized = call(() -> p.normalizeScores(state, pod, raw), p, pod);
        if (normalized.size() != raw.size()) {
            throw new PluginFailure("score plugin " + p.name() + " normalised " + raw.size() + " scores into "
                    + normalized.size(), new IllegalStateException("score count changed"));
        }
        for (int i = 0; i < normalized.size(); i++) {
            NodeScore s = normalized.get(i);
            if (!s.nodeName().equals(raw.get(i).nodeName())) {
                throw new PluginFailure("score plugin " + p.name() + " reordered the nodes while normalising",
                        new IllegalStateException("expected " + raw.get(i).nodeName() + " at " + i + ", got "
                                + s.nodeName()));
            }
            if (s.score() < 0 || s.score() > ScorePlugin.MAX_NODE_SCORE) {
                throw new PluginFailure("score plugin " + p.name() + " gave node " + s.nodeName() + " the score "
                        + s.score() + " for pod " + pod.metadata().key() + ", expected 0.."
                        + ScorePlugin.MAX_NODE_SCORE, new IllegalStateException("score out of range"));
            }
        }
        return normalized;
    }

    private static Status call(Supplier<Status> step) {
        try {
            return Objects.requireNonNull(step.get(), "a plugin returned no status");
        } catch (RuntimeException e) {
            return Status.error(e);
        }
    }

    /**
     * One filter call (the hot loop: nodes times filters per pod, so no lambda per call); an exception becomes
     * {@link Status.Error}.
     */
    private static Status filter(FilterPlugin f, CycleState state, Pod pod, NodeInfo node) {
        try {
            return Objects.requireNonNull(f.filter(state, pod, node), "a plugin returned no status");
        } catch (RuntimeException e) {
            return Status.error(e);
        }
    }

    private static <T> T call(Supplier<T> step, ScorePlugin p, Pod pod) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw scoreFailure(p, pod, e);
        }
    }

    private static PluginFailure scoreFailure(ScorePlugin p, Pod pod, RuntimeException e) {
        return new PluginFailure("score plugin " + p.name() + " failed for pod " + pod.metadata().key() + ": "
                + e.getMessage(), e);
    }

    /** A node rejected by {@code plugin} with {@code status}. */
    public record Rejection(String plugin, Status status) {
    }

    /** The outcome of the filter phase (mutable while it is built). */
    private static final class Filtered {
        final List<NodeInfo> feasible = new ArrayList<>();
        final Map<String, Status> rejected = new HashMap<>();
        final Set<String> rejectingPlugins = new LinkedHashSet<>();
        int evaluated;
    }
}
