package dev.keel.node.logs;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The log of one container instance.
 *
 * @param file    the log file (may not exist yet: an instance that has written nothing)
 * @param writing true while the instance runs: a follower keeps reading until it turns false
 */
public record LogTarget(Path file, BooleanSupplier writing) {
}
