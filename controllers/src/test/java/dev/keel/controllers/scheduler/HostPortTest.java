package dev.keel.controllers.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "same address, protocol and port conflict          | 10.0.0.1 | TCP | 80 | 10.0.0.1 | TCP | 80 | true",
        "the wildcard conflicts with any address           | 0.0.0.0  | TCP | 80 | 10.0.0.1 | TCP | 80 | true",
        "any address conflicts with the wildcard           | 10.0.0.1 | TCP | 80 | 0.0.0.0  | TCP | 80 | true",
        "different addresses do not conflict               | 10.0.0.1 | TCP | 80 | 10.0.0.2 | TCP | 80 | false",
        "different protocols do not conflict               | 0.0.0.0  | TCP | 80 | 0.0.0.0  | UDP | 80 | false",
        "different ports do not conflict                   | 0.0.0.0  | TCP | 80 | 0.0.0.0  | TCP | 81 | false"})
    void conflicts(String name, String ip1, String proto1, int port1, String ip2, String proto2, int port2,
                   boolean expected) {
        HostPort a = new HostPort(ip1, proto1, port1);
        HostPort b = new HostPort(ip2, proto2, port2);
        assertEquals(expected, a.conflictsWith(b));
        assertEquals(expected, UsedPorts.EMPTY.plus(java.util.List.of(a)).conflictsWithAny(java.util.List.of(b)));
    }
}
