package dev.keel.apiserver.registry;

import java.util.Optional;

/**
 * How a write is carried out.
 *
 * @param dryRun   everything (defaulting, validation, admission, allocation checks) but the store write: the answer is
 *                 the object as it would be, with the resourceVersion it has now (none for a create)
 * @param manager  who writes, recorded in {@code metadata.managedFields} (the {@code fieldManager} parameter, else
 *                 the program name of the User-Agent); empty records nothing
 */
public record WriteOptions(boolean dryRun, Optional<String> manager) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, Optional.empty());
}
