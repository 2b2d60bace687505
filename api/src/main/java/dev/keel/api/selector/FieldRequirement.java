package dev.keel.api.selector;

import java.util.Objects;

/** One field selector term: {@code field=value}, {@code field==value} or {@code field!=value}. */
public record FieldRequirement(String field, Operator operator, String value) {
    public FieldRequirement {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        if (operator != Operator.EQUALS && operator != Operator.DOUBLE_EQUALS && operator != Operator.NOT_EQUALS) {
            throw new SelectorException("field selectors support only =, == and !=, not " + operator.symbol());
        }
    }

    /** True if the object's field value satisfies this term; an absent field has the empty value. */
    public boolean matches(String actual) {
        boolean equal = value.equals(actual == null ? "" : actual);
        return operator == Operator.NOT_EQUALS ? !equal : equal;
    }

    @Override
    public String toString() {
        return field + operator.symbol() + escape(value);
    }

    /** Escapes {@code \}, {@code ,} and {@code =} with a backslash, as Kubernetes does. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
