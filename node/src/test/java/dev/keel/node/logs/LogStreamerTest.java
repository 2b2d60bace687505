package dev.keel.node.logs;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogStreamerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with query \"{1}\" gives {2}")
    @CsvSource(delimiter = '|', value = {
            "a\\nb\\nc\\n | ''                      | a\\nb\\nc\\n",
            "a\\nb\\nc\\n | tailLines=1             | c\\n",
            "a\\nb\\nc\\n | tailLines=2             | b\\nc\\n",
            "a\\nb\\nc\\n | tailLines=9             | a\\nb\\nc\\n",
            "a\\nb\\nc\\n | tailLines=0             | ''",
            "a\\nb\\nc    | tailLines=1             | c",
            "a\\nb\\nc    | tailLines=2             | b\\nc",
            "''           | tailLines=3             | ''",
            "a\\nb\\nc\\n | limitBytes=3            | a\\nb",
            "a\\nb\\nc\\n | tailLines=2&limitBytes=1 | b",
    })
    void tailAndLimitCutTheLog(String content, String query, String expected) throws Exception {
        Path f = dir.resolve("0.log");
        Files.writeString(f, unescape(content));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LogStreamer(Duration.ofMillis(10)).stream(new LogTarget(f, () -> false), LogRequest.parse(query), out);
        assertEquals(unescape(expected), out.toString(StandardCharsets.UTF_8));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }
}
