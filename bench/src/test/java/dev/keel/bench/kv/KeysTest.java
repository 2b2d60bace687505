package dev.keel.bench.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {

  @ParameterizedTest(name = "key {0} of size {1} = {2}")
  @CsvSource({"0, 8, 00000000", "42, 8, 00000042", "99999, 5, 99999", "7, 1, 7"})
  void keysAreZeroPaddedDecimals(long n, int size, String key) {
    assertEquals(key, new Keys(size, 100_000, 0).key(n).toStringUtf8());
  }

  @Test
  void keysOutsideTheKeySpaceAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Keys(8, 10, 0).key(10));
  }

  @Test
  void aStampedValueKeepsItsSizeAndCarriesTheSendTime() {
    Keys keys = new Keys(8, 1, 256);
    assertEquals(256, keys.value().size());
    assertEquals(256, keys.stampedValue(123_456_789L).size());
    assertEquals(123_456_789L, Keys.stamp(keys.stampedValue(123_456_789L)));
  }
}
