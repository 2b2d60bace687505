package dev.keel.api.quantity;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code resource.Quantity}): an exact decimal number plus the format it was
 * written in. {@code 500m} is 0.5, {@code 128Mi} is 134217728, {@code 1e3} is 1000.
 *
 * <p>Like Kubernetes, values are kept to nano precision: anything finer is rounded away from zero ({@code 0.1n}
 * becomes {@code 1n}). The canonical string ({@link #toString()}) uses the format the value was parsed with and the
 * largest suffix that loses no precision and needs no fractional digits: {@code 1.5} prints as {@code 1500m},
 * {@code 1.5Gi} as {@code 1536Mi}, {@code 1024Ki} as {@code 1Mi}. A binary value below 1024 in magnitude, or one
 * with a fractional part, prints in decimal SI ({@code 0.5Ki} prints as {@code 512}).
 *
 * <p>Equality is by value <em>and</em> format (so that equal records print equally); {@link #compareTo} and
 * {@link #sameValue} compare values only, so {@code 1Ki} and {@code 1024} compare as 0 but are not equal.
 */
@JsonDeserialize(using = QuantityDeserializer.class)
public final class Quantity implements Comparable<Quantity> {
    /** Inputs longer than this are rejected before parsing (a quantity is a short token; this bounds work). */
    static final int MAX_LENGTH = 64;
    /** Decimal exponents beyond this magnitude are rejected, which keeps every value a small BigDecimal. */
    static final int MAX_EXPONENT = 60;
    private static final int NANO_SCALE = 9;

    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, QuantityFormat.DECIMAL_SI);

    private final BigDecimal value;
    private final QuantityFormat format;
    /** {@link #toString()}, computed on first use (a benign race, as String's hash: every thread computes the same). */
    private String canonical;
    /**
     * {@link #longValueCeil()} and {@link #milliValueCeil()}, computed on first use in the same way (an immutable
     * box, so a thread sees all of it or null): the scheduler reads the requests of every pod it places several
     * times, and the deserializer shares one quantity per text among all pods.
     */
    private Long unitsCeil;
    private Long milliCeil;

    private Quantity(BigDecimal value, QuantityFormat format) {
        BigDecimal rounded = value.setScale(Math.max(value.scale(), 0), RoundingMode.UNNECESSARY);
        if (rounded.scale() > NANO_SCALE) {
            rounded = rounded.setScale(NANO_SCALE, RoundingMode.UP);
        }
        this.value = rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
        QuantityFormat f = Objects.requireNonNull(format, "format");
        if (f == QuantityFormat.BINARY_SI && isFractional(this.value)) {
            f = QuantityFormat.DECIMAL_SI;
        }
        this.format = f;
    }

    /** Parses {@code s}; see the class doc for the grammar. */
    public static Quantity parse(String s) {
        return QuantityParser.parse(s);
    }

    public static Quantity of(BigDecimal value, QuantityFormat format) {
        return new Quantity(value, format);
    }

    /** An integer quantity in decimal SI ({@code 3} prints as {@code 3}, 3000 as {@code 3k}). */
    public static Quantity of(long value) {
        return new Quantity(BigDecimal.valueOf(value), QuantityFormat.DECIMAL_SI);
    }

    /** Thousandths, e.g. CPU millicores: {@code ofMillis(250)} prints as {@code 250m}. */
    public static Quantity ofMillis(long millis) {
        return new Quantity(BigDecimal.valueOf(millis, 3), QuantityFormat.DECIMAL_SI);
    }

    /** A byte count in binary SI ({@code ofBytes(1 << 20)} prints as {@code 1Mi}). */
    public static Quantity ofBytes(long bytes) {
        return new Quantity(BigDecimal.valueOf(bytes), QuantityFormat.BINARY_SI);
    }

    /** The exact value. */
    public BigDecimal value() {
        return value;
    }

    public QuantityFormat format() {
        return format;
    }

    /** The value rounded up to a whole number (as Kubernetes' {@code Value()}); throws if it does not fit. */
    public long longValueCeil() {
        Long known = unitsCeil;
        if (known == null) {
            known = value.setScale(0, RoundingMode.CEILING).longValueExact();
            unitsCeil = known;
        }
        return known;
    }

    /** The value in thousandths rounded up (as Kubernetes' {@code MilliValue()}); throws if it does not fit. */
    public long milliValueCeil() {
        Long known = milliCeil;
        if (known == null) {
            known = value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
            milliCeil = known;
        }
        return known;
    }

    public int signum() {
        return value.signum();
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The sum, in this quantity's format (or {@code other}'s when this one is zero, as Kubernetes does). */
    public Quantity add(Quantity other) {
        return new Quantity(value.add(other.value), isZero() ? other.format : format);
    }

    /** The difference, in this quantity's format. */
    public Quantity subtract(Quantity other) {
        return new Quantity(value.subtract(other.value), isZero() ? other.format : format);
    }

    public Quantity negate() {
        return new Quantity(value.negate(), format);
    }

    /** True if both have the same numeric value, whatever their format. */
    public boolean sameValue(Quantity other) {
        return compareTo(other) == 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** The canonical form (see the class doc); this is also the JSON form. */
    @JsonValue
    @Override
    public String toString() {
        String c = canonical;
        if (c == null) {
            c = QuantityPrinter.canonical(value, format);
            canonical = c;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && q.value.equals(value) && q.format == format;
    }

    @Override
    public int hashCode() {
        return value.hashCode() * 31 + format.hashCode();
    }

    private static boolean isFractional(BigDecimal v) {
        return v.scale() > 0 && v.stripTrailingZeros().scale() > 0;
    }
}
