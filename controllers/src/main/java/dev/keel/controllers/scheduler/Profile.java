package dev.keel.controllers.scheduler;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins of one scheduler and how they are weighed. A plugin takes part in every extension point it
 * implements, in list order. Each score plugin needs a weight (1 to 100) in {@code scoreWeights}.
 *
 * @param percentageOfNodesToScore how many nodes to look for feasible ones before stopping, in percent of the
 *                                 cluster; 0 means Kubernetes' adaptive default (50% minus 1% per 125 nodes,
 *                                 at least 5%); never fewer than 100 nodes. 100 checks every node.
 */
public record Profile(List<Plugin> plugins, Map<String, Integer> scoreWeights, int percentageOfNodesToScore) {
    public Profile {
        plugins = List.copyOf(plugins);
        scoreWeights = Map.copyOf(scoreWeights);
        Set<String> names = new HashSet<>();
        for (Plugin p : plugins) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("plugin " + p.name() + " is listed twice");
            }
            if (p instanceof ScorePlugin) {
                Integer w = scoreWeights.get(p.name());
                if (w == null || w < 1 || w > 100) {
                    throw new IllegalArgumentException("score plugin " + p.name() + " needs a weight in 1..100, got "
                            + w);
                }
            }
        }
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be in 0..100, got "
                    + percentageOfNodesToScore);
        }
    }

    public <T extends Plugin> List<T> pluginsOf(Class<T> extensionPoint) {
        return plugins.stream().filter(extensionPoint::isInstance).map(extensionPoint::cast).toList();
    }

    public int weightOf(ScorePlugin plugin) {
        return scoreWeights.get(plugin.name());
    }
}
