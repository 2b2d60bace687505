package dev.keel.apiserver.registry;

import java.util.Optional;

/**
 * The parts of a DELETE's options Keel honours.
 *
 * @param gracePeriodSeconds     0 deletes a pod at once; empty uses the pod's terminationGracePeriodSeconds
 * @param preconditionUid        the object must still have this uid
 * @param preconditionRv         the object must still have this resourceVersion
 * @param propagationPolicy      Orphan, Background or Foreground (recorded for the garbage collector)
 */
public record DeleteOptions(Optional<Long> gracePeriodSeconds, Optional<String> preconditionUid,
                            Optional<String> preconditionRv, Optional<String> propagationPolicy) {
    public static final DeleteOptions DEFAULT =
            new DeleteOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
