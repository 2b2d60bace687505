package dev.keel.kvstore.faults;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets a fault property's tries from {@code -Dkeel.faults.tries=N} (default 2: each try is a
 * cluster run of about half a minute), and its seed from {@code -Dkeel.faults.seed=S} when given,
 * to replay a failure jqwik reported.
 */
public final class FaultTries implements AroundPropertyHook {

  static final int DEFAULT_TRIES = 2;

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context,
      PropertyExecutor property) {
    context.attributes().setTries(Integer.getInteger("keel.faults.tries", DEFAULT_TRIES));
    String seed = System.getProperty("keel.faults.seed");
    if (seed != null && !seed.isBlank()) {
      context.attributes().setSeed(seed);
    }
    return property.execute();
  }
}
