package dev.keel.apiserver.patch;

/** A patch that cannot be applied (bad pointer, failed test, wrong directive): the client's mistake, a 4xx. */
public final class PatchException extends RuntimeException {
    private final boolean conflict;

    public PatchException(String message) {
        this(message, false);
    }

    /** @param conflict true for a failed JSON-patch {@code test}, answered with 422 rather than 400 */
    public PatchException(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
