package dev.keel.api.selector;

import dev.keel.api.validation.NameRules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One label requirement, e.g. {@code tier in (backend,frontend)}. Values are kept sorted and without duplicates
 * (they are a set), so equal requirements print equally.
 */
public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(new TreeSet<>(values));
        validate(key, operator, values);
    }

    private static void validate(String key, Operator op, List<String> values) {
        List<String> keyErrors = NameRules.qualifiedName(key);
        if (!keyErrors.isEmpty()) {
            throw new SelectorException("invalid label key \"" + key + "\": " + String.join("; ", keyErrors));
        }
        switch (op) {
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new SelectorException("values set must be empty for exists and does not exist");
                }
            }
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new SelectorException("for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1 || !values.get(0).matches("-?[0-9]+")) {
                    throw new SelectorException("for 'Gt', 'Lt' operators, exactly one integer value is required, got "
                            + values);
                }
            }
            default -> {
                if (values.size() != 1) {
                    throw new SelectorException("exact-match compatibility requires one single value, got " + values);
                }
            }
        }
        if (op != Operator.GREATER_THAN && op != Operator.LESS_THAN) {
            for (String v : values) {
                List<String> errs = NameRules.labelValue(v);
                if (!errs.isEmpty()) {
                    throw new SelectorException("invalid label value \"" + v + "\": " + String.join("; ", errs));
                }
            }
        }
    }

    /** True if {@code labels} satisfy this requirement. A missing label satisfies only !=, notin and !key. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> v != null && values.contains(v);
            case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
            case GREATER_THAN, LESS_THAN -> compare(v);
        };
    }

    private boolean compare(String v) {
        if (v == null) {
            return false;
        }
        try {
            long have = Long.parseLong(v);
            long want = Long.parseLong(values.get(0));
            return operator == Operator.GREATER_THAN ? have > want : have < want;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The string syntax: {@code key}, {@code !key}, {@code key=v}, {@code key in (a,b)}, ... */
    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + " " + operator.symbol() + " (" + String.join(",", values) + ")";
            default -> key + operator.symbol() + values.get(0);
        };
    }
}
