package dev.keel.node;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerEnvTest {
    private static final Map<String, String> ENV = Map.of("POD_NAME", "web", "PORT", "8080");

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "--port=$(PORT)        | --port=8080",
            "$(POD_NAME)-$(PORT)   | web-8080",
            "$(UNDEFINED)          | $(UNDEFINED)",
            "$$(PORT)              | $(PORT)",
            "cost: $5              | cost: $5",
            "$(PORT                | $(PORT",
            "plain                 | plain",
    })
    void referencesToDefinedVariablesAreExpanded(String in, String out) {
        assertEquals(out, ContainerEnv.expand(in, ENV));
    }
}
