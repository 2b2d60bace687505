package dev.keel.controllers.scheduler;

/**
 * A scheduling plugin. A plugin takes part in every extension point whose interface it implements
 * ({@link PreFilterPlugin}, {@link FilterPlugin}, {@link PreScorePlugin}, {@link ScorePlugin}); the
 * {@link Framework} calls them in the order of its {@link Profile}.
 *
 * <p>Plugins are stateless between cycles: what they compute for one pod goes into the {@link CycleState}.
 */
public interface Plugin {
    /** A unique name, as Kubernetes spells it ("TaintToleration"); used in weights and messages. */
    String name();
}
