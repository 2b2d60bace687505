package dev.keel.api.selector;

/** The operators of a label selector requirement, with their string syntax. */
public enum Operator {
    EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN("in"), NOT_IN("notin"), EXISTS(""), DOES_NOT_EXIST("!"),
    GREATER_THAN(">"), LESS_THAN("<");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for the operators that take exactly one value. */
    boolean singleValue() {
        return this == EQUALS || this == DOUBLE_EQUALS || this == NOT_EQUALS || this == GREATER_THAN
                || this == LESS_THAN;
    }
}
