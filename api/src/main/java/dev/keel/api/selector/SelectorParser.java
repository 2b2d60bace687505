package dev.keel.api.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the label selector syntax:
 *
 * <pre>
 *   selector    := "" | requirement ("," requirement)*
 *   requirement := "!" key | key | key ("=" | "==" | "!=") value? | key (">" | "<") value
 *                | key ("in" | "notin") "(" value? ("," value?)* ")"
 * </pre>
 *
 * Whitespace between tokens is ignored; a key or value is a run of characters other than whitespace and
 * {@code , = ! ( ) < >}. An empty value ({@code env=}) is the empty label value.
 */
final class SelectorParser {
    private static final String SPECIAL = ",=!()<>";

    private final String text;
    private int pos;

    SelectorParser(String text) {
        this.text = text == null ? "" : text;
    }

    List<Requirement> parse() {
        List<Requirement> out = new ArrayList<>();
        skipSpace();
        if (atEnd()) {
            return out;
        }
        while (true) {
            out.add(requirement());
            skipSpace();
            if (atEnd()) {
                return out;
            }
            expect(",");
        }
    }

    private Requirement requirement() {
        skipSpace();
        if (peek("!") && !peek("!=")) {
            pos++;
            return new Requirement(identifier("key"), Operator.DOES_NOT_EXIST, List.of());
        }
        String key = identifier("key");
        skipSpace();
        if (atEnd() || peek(",")) {
            return new Requirement(key, Operator.EXISTS, List.of());
        }
        for (Operator op : new Operator[]{Operator.DOUBLE_EQUALS, Operator.NOT_EQUALS, Operator.EQUALS,
                Operator.GREATER_THAN, Operator.LESS_THAN}) {
            if (peek(op.symbol())) {
                pos += op.symbol().length();
                return new Requirement(key, op, List.of(optionalIdentifier()));
            }
        }
        String word = identifier("operator");
        Operator setOp = switch (word) {
            case "in" -> Operator.IN;
            case "notin" -> Operator.NOT_IN;
            default -> throw error("found '" + word + "', expected: in, notin, =, ==, !=, gt, lt");
        };
        return new Requirement(key, setOp, values());
    }

    private List<String> values() {
        skipSpace();
        expect("(");
        List<String> values = new ArrayList<>();
        while (true) {
            values.add(optionalIdentifier());
            skipSpace();
            if (peek(")")) {
                pos++;
                return values;
            }
            expect(",");
        }
    }

    private String optionalIdentifier() {
        skipSpace();
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(text.charAt(pos)) && SPECIAL.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String identifier(String what) {
        String id = optionalIdentifier();
        if (id.isEmpty()) {
            throw error("expected a " + what);
        }
        return id;
    }

    private void expect(String token) {
        skipSpace();
        if (!peek(token)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    private boolean peek(String token) {
        return text.startsWith(token, pos);
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SelectorException error(String problem) {
        return new SelectorException("unable to parse requirement: " + problem + " at position " + pos + " in \""
                + text + "\"");
    }
}
