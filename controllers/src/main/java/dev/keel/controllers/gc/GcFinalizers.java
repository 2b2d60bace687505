package dev.keel.controllers.gc;

/** The finalizers through which the apiserver hands deletions with a propagation policy to the collector. */
final class GcFinalizers {
    /** propagationPolicy=Foreground: delete the dependents (blocking ones first), then the owner. */
    static final String FOREGROUND = "foregroundDeletion";
    /** propagationPolicy=Orphan: strip the owner's references from its dependents, then delete the owner. */
    static final String ORPHAN = "orphan";

    private GcFinalizers() {
    }
}
