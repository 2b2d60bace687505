package dev.keel.api.selector;

import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A parsed label selector: requirements that must all hold, sorted by key (then by their text, so that parse and
 * print round-trip). The empty selector matches every object.
 *
 * <pre>{@code
 *   Selector s = Selector.parse("app=web, tier in (backend,frontend), !canary");
 *   s.matches(Map.of("app", "web", "tier", "backend"))   // true
 *   s.toString()                                          // "!canary,app=web,tier in (backend,frontend)"
 * }</pre>
 */
public record Selector(List<Requirement> requirements) {
    private static final Comparator<Requirement> ORDER =
            Comparator.comparing(Requirement::key).thenComparing(Requirement::toString);
    private static final Selector EVERYTHING = new Selector(List.of());

    public Selector {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(ORDER);
        requirements = List.copyOf(sorted);
    }

    public static Selector everything() {
        return EVERYTHING;
    }

    /** Parses the string syntax (the {@code labelSelector} query parameter). */
    public static Selector parse(String text) {
        return new Selector(new SelectorParser(text).parse());
    }

    /** From {@code matchLabels} and {@code matchExpressions} (In, NotIn, Exists, DoesNotExist). */
    public static Selector of(LabelSelector selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            reqs.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
        }
        for (LabelSelectorRequirement r : selector.matchExpressions()) {
            Operator op = switch (r.operator() == null ? "" : r.operator()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new SelectorException("\"" + r.operator() + "\" is not a valid label selector operator");
            };
            reqs.add(new Requirement(r.key() == null ? "" : r.key(), op, r.values()));
        }
        return new Selector(reqs);
    }

    /** The selector matching exactly these labels ({@code k=v} for each entry). */
    public static Selector matchingLabels(Map<String, String> labels) {
        return of(LabelSelector.matching(labels));
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The string syntax; {@code ""} for the empty selector. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Requirement r : requirements) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}
