package dev.keel.api.meta;

/**
 * Anything that is written with {@code apiVersion} and {@code kind}: the stored kinds, their lists, and the
 * wire-only kinds (Status, Scale, Binding). The codec checks both against the type the caller expects.
 */
public interface TypedObject {
    /** {@code group/version}, or just {@code version} for the core group ({@code v1}). */
    String apiVersion();

    String kind();
}
