package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one scheduling cycle for one pod against a {@link Snapshot}: pre-filters, then filters over the nodes until
 * enough feasible ones are found, then pre-scores and scores (each plugin's scores normalised to 0..100, times its
 * weight, summed), and picks the node with the highest total ({@link TieBreaker} among equals).
 *
 * <p>A pre-filter or pre-score that returns {@link Status#skip()} takes its plugin out of the filter or score
 * step for this cycle ({@link CycleState} records which). With one feasible node, scoring is skipped. Filtering
 * starts where the previous cycle stopped, so that when only part of a large cluster is evaluated, successive pods
 * see different nodes first.
 *
 * <p>Not thread-safe: one scheduling loop owns a framework and runs one cycle at a time.
 */
public final class Framework {
    private static final Logger LOG = LoggerFactory.getLogger(Framework.class);
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE = 5;
    static final int ADAPTIVE_BASE_PERCENTAGE = 50;
    /** How many nodes ahead the filter loop reads before filtering them (see {@link #findFeasibleNodes}). */
    static final int TOUCH_AHEAD = 32;

    private final Profile profile;
    private final List<PreFilterPlugin> preFilters;
    private final FilterPlugin[] filters;
    private final List<PreScorePlugin> preScores;
    private final List<ScorePlugin> scorers;
    /** The weight of each of {@link #scorers}, at the same index. */
    private final long[] weights;
    private final TieBreaker tieBreaker;
    /** Index in the snapshot's node list where the next cycle starts filtering; confined to the owner thread. */
    private int nextStartNodeIndex;
    /** What {@link Snapshot#touch} read, kept so that the reads are not optimised away; never used. */
    private long touched;

    public Framework(Profile profile, TieBreaker tieBreaker) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.tieBreaker = Objects.requireNonNull(tieBreaker, "tieBreaker");
        this.preFilters = profile.pluginsOf(PreFilterPlugin.class);
        this.filters = profile.pluginsOf(FilterPlugin.class).toArray(FilterPlugin[]::new);
        this.preScores = profile.pluginsOf(PreScorePlugin.class);
        this.scorers = profile.pluginsOf(ScorePlugin.class);
        this.weights = scorers.stream().mapToLong(profile::weightOf).toArray();
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
            if (filtered.count == 0) {
                FitError fit = new FitError(podKey, snapshot.size(), filtered.rejected, Optional.empty(),
                        filtered.rejectingPlugins);
                LOG.debug("pod {} is unschedulable: {}", podKey, fit.message());
                return new ScheduleResult.Unschedulable(fit);
            }
            if (filtered.count == 1) {
                return new ScheduleResult.Scheduled(filtered.found[0].name(), filtered.evaluated, 1);
            }
            long[] totals = scoreNodes(state, pod, filtered.feasible(), filtered.found);
            String chosen = tieBreaker.pick(bestInNameOrder(filtered, totals));
            LOG.debug("pod {} goes to node {} ({} feasible of {} evaluated)", podKey, chosen,
                    filtered.count, filtered.evaluated);
            return new ScheduleResult.Scheduled(chosen, filtered.evaluated, filtered.count);
        } catch (PluginFailure e) {
            LOG.warn("scheduling pod {} failed: {}", podKey, e.getMessage(), e.getCause());
            return new ScheduleResult.Failed(e.getMessage(), e.getCause());
        }
    }

    /**
     * Runs on one node every filter that {@code state} does not skip; the first rejection wins (its plugin is
     * reported with it).
     */
    public Optional<Rejection> runFilters(CycleState state, Pod pod, NodeInfo node) {
        return runFilters(filtersToRun(state), state, pod, node);
    }

    /**
     * Pre-scores and scores the feasible nodes: for each plugin that its pre-score did not skip, raw scores,
     * normalised, checked to be in {@code 0..100}, times the weight; summed per node. {@code result[i]} is the
     * total of {@code feasible.get(i)}.
     */
    public long[] scoreNodes(CycleState state, Pod pod, List<NodeInfo> feasible) {
        return scoreNodes(state, pod, feasible, feasible.toArray(NodeInfo[]::new));
    }

    /** {@link #scoreNodes(CycleState, Pod, List)} with the same nodes also as an array (for the plugins' loops). */
    private long[] scoreNodes(CycleState state, Pod pod, List<NodeInfo> feasible, NodeInfo[] nodes) {
        runPreScores(state, pod, feasible);
        long[] totals = new long[feasible.size()];
        long[] scores = new long[feasible.size()]; // one plugin's scores at a time
        for (int p = 0; p < scorers.size(); p++) {
            ScorePlugin plugin = scorers.get(p);
            if (state.skipsScore(plugin.name())) {
                continue;
            }
            scoresOf(plugin, state, pod, nodes, scores);
            long weight = weights[p];
            for (int i = 0; i < totals.length; i++) {
                totals[i] += scores[i] * weight;
            }
        }
        return totals;
    }

    /**
     * The names of the feasible nodes with the best total, sorted by name without comparing names: the snapshot is
     * ordered by name and was visited from {@code start} on, wrapping once, so the nodes visited after the wrap come
     * first, each part in visit order. (Names of a large cluster share long prefixes; sorting them cost a tenth of
     * a cycle.) On a cluster of equal nodes most feasible nodes tie, so the list is a view over their positions:
     * the tie-breaker reads only the name it picks.
     */
    private static List<String> bestInNameOrder(Filtered filtered, long[] totals) {
        long best = Long.MIN_VALUE;
        int ties = 0;
        for (long t : totals) {
            if (t > best) {
                best = t;
                ties = 0;
            }
            if (t == best) {
                ties++;
            }
        }
        int[] positions = new int[ties];
        int found = 0;
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? filtered.feasibleBeforeWrap : 0;
            int to = pass == 0 ? totals.length : filtered.feasibleBeforeWrap;
            for (int i = from; i < to; i++) {
                if (totals[i] == best) {
                    positions[found++] = i;
                }
            }
        }
        return new NamesAt(filtered.found, positions);
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
            if (s instanceof Status.Skip) {
                state.skipFilter(p.name());
            } else if (!s.isSuccess()) {
                Map<String, Status> all = new HashMap<>();
                snapshot.nodeInfos().forEach(n -> all.put(n.name(), s));
                return Optional.of(new FitError(pod.metadata().key(), snapshot.size(), all,
                        Optional.of(String.join(", ", s.reasons())), Set.of(p.name())));
            }
        }
        return Optional.empty();
    }

    /** The filters of the profile, in order, without those that {@code state} skips. */
    private FilterPlugin[] filtersToRun(CycleState state) {
        if (!state.skipsAnyFilter()) {
            return filters;
        }
        List<FilterPlugin> run = new ArrayList<>(filters.length);
        for (FilterPlugin f : filters) {
            if (!state.skipsFilter(f.name())) {
                run.add(f);
            }
        }
        return run.toArray(FilterPlugin[]::new);
    }

    /**
     * The hot loop (nodes times filters per pod): no lambda, no allocation and one call per filter while nodes
     * pass; anything but success goes to {@link #rejection}.
     */
    private static Optional<Rejection> runFilters(FilterPlugin[] run, CycleState state, Pod pod, NodeInfo node) {
        for (FilterPlugin f : run) {
            Status s;
            try {
                s = f.filter(state, pod, node);
            } catch (RuntimeException e) {
                s = Status.error(e);
            }
            if (!(s instanceof Status.Success)) {
                return Optional.of(rejection(f, s, pod, node));
            }
        }
        return Optional.empty();
    }

    /** {@code f}'s rejection of {@code node}; a missing status, an error or a skip fails the cycle instead. */
    private static Rejection rejection(FilterPlugin f, Status s, Pod pod, NodeInfo node) {
        String where = " for pod " + pod.metadata().key() + " on node " + node.name();
        if (s == null) {
            throw new PluginFailure("filter plugin " + f.name() + " failed" + where + ": a plugin returned no status",
                    new NullPointerException("a plugin returned no status"));
        }
        if (s instanceof Status.Error e) {
            throw new PluginFailure("filter plugin " + f.name() + " failed" + where + ": " + e.cause().getMessage(),
                    e.cause());
        }
        if (s instanceof Status.Skip) {
            throw new PluginFailure("filter plugin " + f.name() + " returned skip" + where
                    + "; only a pre-filter may skip", new IllegalStateException("skip from a filter"));
        }
        return new Rejection(f.name(), s);
    }

    private Filtered findFeasibleNodes(CycleState state, Pod pod, Snapshot snapshot) {
        int size = snapshot.size();
        FilterPlugin[] run = filtersToRun(state);
        int wanted = numFeasibleNodesToFind(size);
        int start = nextStartNodeIndex % size;
        Filtered out = new Filtered(wanted);
        int wrapAt = size - start; // the visit index of the snapshot's first node, when the visit wraps
        for (int i = 0; i < size && out.count < wanted; i++) {
            if (i % TOUCH_AHEAD == 0) {
                touched += snapshot.touch(start, i, Math.min(size, i + TOUCH_AHEAD));
            }
            NodeInfo node = snapshot.nodeAt(i < wrapAt ? start + i : i - wrapAt);
            out.evaluated++;
            Optional<Rejection> rejection = runFilters(run, state, pod, node);
            if (rejection.isEmpty()) {
                out.found[out.count++] = node;
                if (i < wrapAt) {
                    out.feasibleBeforeWrap++;
                }
            } else {
                out.rejected.put(node.name(), rejection.get().status());
                out.rejectingPlugins.add(rejection.get().plugin());
            }
        }
        nextStartNodeIndex = (start + out.evaluated) % size;
        return out;
    }

    private void runPreScores(CycleState state, Pod pod, List<NodeInfo> feasible) {
        for (PreScorePlugin p : preScores) {
            Status s = call(() -> p.preScore(state, pod, feasible));
            if (s instanceof Status.Skip) {
                state.skipScore(p.name());
            } else if (!s.isSuccess()) {
                Throwable cause = s instanceof Status.Error e ? e.cause()
                        : new IllegalStateException(String.join(", ", s.reasons()));
                throw new PluginFailure("pre-score plugin " + p.name() + " failed for pod " + pod.metadata().key()
                        + ": " + cause.getMessage(), cause);
            }
        }
    }

    /** Fills {@code scores} with {@code p}'s normalised score of each feasible node, checked to be in range. */
    private static void scoresOf(ScorePlugin p, CycleState state, Pod pod, NodeInfo[] feasible, long[] scores) {
        try {
            p.scoreAll(state, pod, feasible, scores);
            p.normalizeScores(state, pod, scores);
        } catch (RuntimeException e) {
            throw new PluginFailure("score plugin " + p.name() + " failed for pod " + pod.metadata().key() + ": "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < 0 || scores[i] > ScorePlugin.MAX_NODE_SCORE) {
                throw new PluginFailure("score plugin " + p.name() + " gave node " + feasible[i].name()
                        + " the score " + scores[i] + " for pod " + pod.metadata().key() + ", expected 0.."
                        + ScorePlugin.MAX_NODE_SCORE, new IllegalStateException("score out of range"));
            }
        }
    }

    private static Status call(Supplier<Status> step) {
        try {
            return Objects.requireNonNull(step.get(), "a plugin returned no status");
        } catch (RuntimeException e) {
            return Status.error(e);
        }
    }

    /** A node rejected by {@code plugin} with {@code status}. */
    public record Rejection(String plugin, Status status) {
    }

    /** The names of {@code nodes} at {@code positions}, in that order: a read-only view. */
    private static final class NamesAt extends AbstractList<String> implements RandomAccess {
        private final NodeInfo[] nodes;
        private final int[] positions;

        NamesAt(NodeInfo[] nodes, int[] positions) {
            this.nodes = nodes;
            this.positions = positions;
        }

        @Override
        public String get(int index) {
            return nodes[positions[index]].name();
        }

        @Override
        public int size() {
            return positions.length;
        }
    }

    /** The outcome of the filter phase (mutable while it is built). */
    private static final class Filtered {
        /** The feasible nodes in visit order, at {@code [0, count)}; sized for all that are wanted. */
        final NodeInfo[] found;
        int count;
        /** How many of the feasible nodes were found before the visit wrapped to the snapshot's first node. */
        int feasibleBeforeWrap;
        final Map<String, Status> rejected = new HashMap<>();
        final Set<String> rejectingPlugins = new LinkedHashSet<>();
        int evaluated;

        /** Room for the {@code wanted} feasible nodes the filter loop stops at. */
        Filtered(int wanted) {
            found = new NodeInfo[wanted];
        }

        /** The feasible nodes as a read-only list (a view). */
        List<NodeInfo> feasible() {
            return Collections.unmodifiableList(Arrays.asList(found).subList(0, count));
        }
    }
}
