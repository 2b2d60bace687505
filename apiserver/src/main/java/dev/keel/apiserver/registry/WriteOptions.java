package dev.keel.apiserver.registry;

/**
 * How a write is carried out.
 *
 * @param dryRun  everything (defaulting, validation, admission, allocation checks) but the store write: the answer is
 *                the object as it would be, with the resourceVersion it has now (none for a create)
 */
public record WriteOptions(boolean dryRun) {
    public static final WriteOptions DEFAULT = new WriteOptions(false);
    public static final WriteOptions DRY_RUN = new WriteOptions(true);
}
