package dev.keel.apiserver.patch;

import java.util.Optional;

/**
 * How a strategic merge patch combines a list: replace it whole, merge maps by a key field, or merge primitive
 * values as a set.
 *
 * @param mergeKey the key field for {@link Kind#MERGE_BY_KEY}
 */
public record ListStrategy(Kind kind, Optional<String> mergeKey) {
    public static final ListStrategy REPLACE = new ListStrategy(Kind.REPLACE, Optional.empty());
    public static final ListStrategy PRIMITIVE_SET = new ListStrategy(Kind.MERGE_PRIMITIVES, Optional.empty());

    public static ListStrategy byKey(String key) {
        return new ListStrategy(Kind.MERGE_BY_KEY, Optional.of(key));
    }

    /** The closed set of list strategies. */
    public enum Kind { REPLACE, MERGE_BY_KEY, MERGE_PRIMITIVES }
}
