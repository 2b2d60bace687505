package dev.keel.api.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field selector ({@code fieldSelector=spec.nodeName=n1,status.phase!=Failed}): terms that must all hold.
 * Values may escape {@code ,}, {@code =} and {@code \} with a backslash. Which fields exist depends on the
 * resource; {@link #requireSupported} checks them against {@link ObjectFields}.
 */
public record FieldSelector(List<FieldRequirement> requirements) {
    private static final Comparator<FieldRequirement> ORDER =
            Comparator.comparing(FieldRequirement::field).thenComparing(FieldRequirement::toString);

    public FieldSelector {
        List<FieldRequirement> sorted = new ArrayList<>(requirements);
        sorted.sort(ORDER);
        requirements = List.copyOf(sorted);
    }

    public static FieldSelector everything() {
        return new FieldSelector(List.of());
    }

    public static FieldSelector parse(String text) {
        List<FieldRequirement> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new FieldSelector(out);
        }
        for (String term : splitUnescaped(text, ',')) {
            out.add(term(term.trim(), text));
        }
        return new FieldSelector(out);
    }

    private static FieldRequirement term(String term, String whole) {
        for (Operator op : new Operator[]{Operator.NOT_EQUALS, Operator.DOUBLE_EQUALS, Operator.EQUALS}) {
            int i = indexUnescaped(term, op.symbol());
            if (i > 0) {
                String field = term.substring(0, i).trim();
                return new FieldRequirement(field, op, unescape(term.substring(i + op.symbol().length()), whole));
            }
        }
        throw new SelectorException("invalid field selector: '" + term + "' has no operator (=, == or !=) in \""
                + whole + "\"");
    }

    /** True if every term holds for the given field values (absent fields count as ""). */
    public boolean matches(Map<String, String> fields) {
        for (FieldRequirement r : requirements) {
            if (!r.matches(fields.get(r.field()))) {
                return false;
            }
        }
        return true;
    }

    /** Throws if a term names a field outside {@code supported}, with Kubernetes' wording. */
    public FieldSelector requireSupported(Set<String> supported, String resource) {
        for (FieldRequirement r : requirements) {
            if (!supported.contains(r.field())) {
                throw new SelectorException("field label not supported: " + r.field() + " (for " + resource + ")");
            }
        }
        return this;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (FieldRequirement r : requirements) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    private static List<String> splitUnescaped(String s, char sep) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int indexUnescaped(String s, String token) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String v, String whole) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (i + 1 >= v.length() || "\\,=".indexOf(v.charAt(i + 1)) < 0) {
                    throw new SelectorException("invalid field selector: invalid escape sequence in \"" + whole + "\"");
                }
                sb.append(v.charAt(++i));
            } else if (c == '=' || c == ',') {
                throw new SelectorException("invalid field selector: unescaped '" + c + "' in value of \"" + whole
                        + "\"");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
