package dev.keel.api.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes a quantity's canonical form. For decimal formats: the largest exponent that is a multiple of 3 and leaves
 * an integer mantissa (0.5 = 500e-3 prints {@code 500m}; 1100 = 1100e0 prints {@code 1100}; 1e9 prints {@code 1G}
 * or {@code 1e9}). For binary SI: the largest power of 1024 that divides the value ({@code 1536Mi}).
 */
final class QuantityPrinter {
    private static final Map<Integer, String> DECIMAL = Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M",
            9, "G", 12, "T", 15, "P", 18, "E");
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger KI = BigInteger.valueOf(1024);
    private static final BigDecimal BINARY_MIN = BigDecimal.valueOf(1024);

    private QuantityPrinter() {
    }

    static String canonical(BigDecimal value, QuantityFormat format) {
        if (value.signum() == 0) {
            return "0";
        }
        if (format == QuantityFormat.BINARY_SI && value.abs().compareTo(BINARY_MIN) >= 0 && value.scale() <= 0) {
            return binary(value.toBigIntegerExact());
        }
        return decimal(value, format == QuantityFormat.DECIMAL_EXPONENT);
    }

    private static String binary(BigInteger v) {
        int power = 0;
        while (power < BINARY.length - 1) {
            BigInteger[] qr = v.divideAndRemainder(KI);
            if (qr[1].signum() != 0) {
                break;
            }
            v = qr[0];
            power++;
        }
        return v + BINARY[power];
    }

    private static String decimal(BigDecimal value, boolean exponentForm) {
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent10 = -stripped.scale();
        int e = Math.floorDiv(exponent10, 3) * 3;
        if (!exponentForm && e > 18) {
            e = 18;
        }
        BigInteger mantissa = stripped.unscaledValue().multiply(BigInteger.TEN.pow(exponent10 - e));
        if (exponentForm) {
            return e == 0 ? mantissa.toString() : mantissa + "e" + e;
        }
        return mantissa + DECIMAL.get(e);
    }
}
