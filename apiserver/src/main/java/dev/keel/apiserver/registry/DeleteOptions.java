package dev.keel.apiserver.registry;

import java.util.Optional;

/**
 * The parts of a DELETE's options Keel honours.
 *
 * @param gracePeriodSeconds     0 deletes a pod at once; empty uses the pod's terminationGracePeriodSeconds
 * @param preconditionUid        the object must still have this uid
 * @param preconditionRv         the object must still have this resourceVersion
 * @param propagationPolicy      Orphan, Background or Foreground; empty = Background (or Orphan when the deprecated
 *                               orphanDependents was true)
 * @param dryRun                 check everything, write nothing
 */
public record DeleteOptions(Optional<Long> gracePeriodSeconds, Optional<String> preconditionUid,
                            Optional<String> preconditionRv, Optional<String> propagationPolicy, boolean dryRun) {
    public static final DeleteOptions DEFAULT =
            new DeleteOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public static final String ORPHAN = "Orphan";
    public static final String BACKGROUND = "Background";
    public static final String FOREGROUND = "Foreground";

    /** The garbage collector's finalizer of a foreground deletion: dependents go first. */
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";
    /** The garbage collector's finalizer of an orphaning deletion: dependents lose their owner reference. */
    public static final String ORPHAN_FINALIZER = "orphan";
}
