package dev.keel.api.quantity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantityTest {

    @ParameterizedTest(name = "\"{0}\" is {1} and prints as \"{2}\"")
    @CsvSource({
            "500m, 0.5, 500m",
            "0.5, 0.5, 500m",
            "1.5, 1.5, 1500m",
            "128Mi, 134217728, 128Mi",
            "1.5Gi, 1610612736, 1536Mi",
            "1024Ki, 1048576, 1Mi",
            "1025Ki, 1049600, 1025Ki",
            "2Ki, 2048, 2Ki",
            "0.5Ki, 512, 512",
            "1G, 1000000000, 1G",
            "1000, 1000, 1k",
            "1100, 1100, 1100",
            "1e3, 1000, 1e3",
            "1E3, 1000, 1e3",
            "1.5e3, 1500, 1500",
            "12e6, 12000000, 12e6",
            "1e-3, 0.001, 1e-3",
            "1E, 1000000000000000000, 1E",
            "100m, 0.1, 100m",
            "1n, 0.000000001, 1n",
            "0.1n, 0.000000001, 1n",
            "1u, 0.000001, 1u",
            "-1, -1, -1",
            "-500m, -0.5, -500m",
            "-1Ki, -1024, -1Ki",
            "+2, 2, 2",
            "0, 0, 0",
            "0Mi, 0, 0",
            "0m, 0, 0",
            ".5, 0.5, 500m",
            "5., 5, 5",
            "1.000, 1, 1",
            "4, 4, 4",
            "110, 110, 110",
    })
    void parsesExactlyAndPrintsCanonically(String input, String value, String canonical) {
        Quantity q = Quantity.parse(input);
        assertEquals(0, new BigDecimal(value).compareTo(q.value()), "value of " + input);
        assertEquals(canonical, q.toString());
        assertEquals(canonical, Quantity.parse(canonical).toString(), "canonical form is stable");
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", " 1", "1 ", "abc", "1.2.3", "--1", "1K", "1KI", "1ki", "1e", "1e1.5", "1Mb", "m",
            ".", "+", "1e1000", "0x10", "1,5", "1_000", "Infinity", "NaN"})
    void rejectsInvalidInput(String input) {
        QuantityFormatException e = assertThrows(QuantityFormatException.class, () -> Quantity.parse(input));
        assertTrue(e.getMessage().contains("quantities must match the regular expression"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({"500m, 500m, 1", "1Gi, 512Mi, 1536Mi", "1, -1, 0", "0, 1Ki, 1Ki", "100m, 1, 1100m", "1k, 1, 1001"})
    void addsKeepingTheFirstFormat(String a, String b, String sum) {
        assertEquals(sum, Quantity.parse(a).add(Quantity.parse(b)).toString());
    }

    @ParameterizedTest(name = "{0} rounds up to {1} millis and {2} units")
    @CsvSource({"500m, 500, 1", "1.0001, 1001, 2", "2, 2000, 2", "-500m, -500, 0"})
    void roundsUpToMillisAndUnits(String q, long millis, long units) {
        assertEquals(millis, Quantity.parse(q).milliValueCeil());
        assertEquals(units, Quantity.parse(q).longValueCeil());
    }

    @Property
    void parsePrintRoundTripKeepsValueAndForm(@ForAll("quantities") Quantity q) {
        Quantity again = Quantity.parse(q.toString());
        assertEquals(0, q.compareTo(again));
        assertEquals(q.toString(), again.toString());
    }

    @Property
    void additionIsCommutativeAndAssociative(@ForAll("quantities") Quantity a, @ForAll("quantities") Quantity b,
                                             @ForAll("quantities") Quantity c) {
        assertEquals(0, a.add(b).compareTo(b.add(a)));
        assertEquals(0, a.add(b).add(c).compareTo(a.add(b.add(c))));
        assertEquals(0, a.add(b).subtract(b).compareTo(a));
    }

    @Property
    void orderingAgreesWithExactValuesAndIsMonotoneUnderAddition(@ForAll("quantities") Quantity a,
                                                                  @ForAll("quantities") Quantity b,
                                                                  @ForAll("quantities") Quantity c) {
        assertEquals(Integer.signum(a.value().compareTo(b.value())), Integer.signum(a.compareTo(b)));
        assertEquals(-Integer.signum(a.compareTo(b)), Integer.signum(b.compareTo(a)));
        if (a.compareTo(b) <= 0) {
            assertTrue(a.add(c).compareTo(b.add(c)) <= 0);
        }
    }

    @Provide
    Arbitrary<Quantity> quantities() {
        Arbitrary<Long> mantissa = Arbitraries.longs().between(-5_000_000L, 5_000_000L);
        Arbitrary<String> suffix = Arbitraries.of("", "m", "n", "u", "k", "M", "G", "Ki", "Mi", "Gi", "e3", "e-2", "E6");
        Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 3);
        return Combinators.combine(mantissa, decimals, suffix)
                .as((m, d, s) -> Quantity.parse(BigDecimal.valueOf(m, d).toPlainString() + s));
    }
}
