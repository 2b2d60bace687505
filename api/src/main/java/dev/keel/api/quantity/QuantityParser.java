package dev.keel.api.quantity;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Parses the quantity grammar: {@code <sign>? <number> <suffix>}, where a number is {@code 12}, {@code 1.5},
 * {@code 1.} or {@code .5}, and a suffix is empty, a binary SI suffix (Ki ... Ei), a decimal SI suffix
 * (n u m k M G T P E) or a decimal exponent ({@code e3}, {@code E-2}, {@code e+6}). Note {@code 1E} is one exa,
 * while {@code 1E3} is one thousand, as in Kubernetes.
 */
final class QuantityParser {
    private static final Map<String, Integer> BINARY = Map.of("Ki", 1, "Mi", 2, "Gi", 3, "Ti", 4, "Pi", 5, "Ei", 6);
    private static final Map<String, Integer> DECIMAL = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6,
            "G", 9, "T", 12, "P", 15, "E", 18);
    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private QuantityParser() {
    }

    static Quantity parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new QuantityFormatException(s == null ? "null" : "", "empty");
        }
        if (s.length() > Quantity.MAX_LENGTH) {
            throw new QuantityFormatException(s.substring(0, 16) + "...", "longer than " + Quantity.MAX_LENGTH + " characters");
        }
        int pos = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            pos++;
        }
        int numberStart = pos;
        int digits = 0;
        boolean dot = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
            pos++;
        }
        if (digits == 0) {
            throw new QuantityFormatException(s, "no digits in the number part");
        }
        String number = s.substring(numberStart, pos);
        BigDecimal mantissa = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number);
        if (negative) {
            mantissa = mantissa.negate();
        }
        return withSuffix(s, mantissa, s.substring(pos));
    }

    private static Quantity withSuffix(String s, BigDecimal mantissa, String suffix) {
        Integer binary = BINARY.get(suffix);
        if (binary != null) {
            return Quantity.of(mantissa.multiply(KI.pow(binary)), QuantityFormat.BINARY_SI);
        }
        Integer decimal = DECIMAL.get(suffix);
        if (decimal != null) {
            return Quantity.of(mantissa.scaleByPowerOfTen(decimal), QuantityFormat.DECIMAL_SI);
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            int exponent = exponent(s, suffix.substring(1));
            return Quantity.of(mantissa.scaleByPowerOfTen(exponent), QuantityFormat.DECIMAL_EXPONENT);
        }
        throw new QuantityFormatException(s, "unknown suffix \"" + suffix + "\"");
    }

    private static int exponent(String s, String text) {
        int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length() || text.length() > 4) {
            throw new QuantityFormatException(s, "bad exponent \"" + text + "\"");
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new QuantityFormatException(s, "bad exponent \"" + text + "\"");
            }
        }
        int e = Integer.parseInt(text);
        if (Math.abs(e) > Quantity.MAX_EXPONENT) {
            throw new QuantityFormatException(s, "exponent " + e + " is out of range [-" + Quantity.MAX_EXPONENT
                    + ", " + Quantity.MAX_EXPONENT + "]");
        }
        return e;
    }
}
