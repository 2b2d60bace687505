package dev.keel.api.quantity;

/** How a quantity was written, and so how it is written back. */
public enum QuantityFormat {
    /** Powers of 1024: Ki, Mi, Gi, Ti, Pi, Ei. */
    BINARY_SI,
    /** Powers of 1000 with SI suffixes n, u, m, "", k, M, G, T, P, E (also plain numbers). */
    DECIMAL_SI,
    /** A decimal exponent: {@code 1e3}, {@code 12E6}. */
    DECIMAL_EXPONENT
}
