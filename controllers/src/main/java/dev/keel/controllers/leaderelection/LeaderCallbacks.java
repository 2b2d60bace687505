package dev.keel.controllers.leaderelection;

/** What a {@link LeaderElector} tells its owner. Called from the elector's thread; must not block for long. */
public interface LeaderCallbacks {
    /** This instance now holds the lease: start doing the work. */
    void onStartedLeading();

    /** This instance lost (or gave up) the lease: stop doing the work at once. */
    void onStoppedLeading();

    /** Another identity (or none) holds the lease now. */
    default void onNewLeader(String identity) {
    }
}
