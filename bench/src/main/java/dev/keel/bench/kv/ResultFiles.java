package dev.keel.bench.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads and writes {@link RunResult}s as JSON files (one run per file, indented). */
final class ResultFiles {
  private final ObjectMapper mapper =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void write(RunResult result, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      mapper.writeValue(file.toFile(), result);
    } catch (IOException e) {
      throw new UncheckedIOException("write result " + result.name() + " to " + file, e);
    }
  }

  String toJson(RunResult result) {
    try {
      return mapper.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException("encode result " + result.name(), e);
    }
  }

  RunResult read(Path file) {
    try {
      return mapper.readValue(file.toFile(), RunResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("read result " + file, e);
    }
  }

  RunResult fromJson(String json) {
    try {
      return mapper.readValue(json, RunResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("decode result", e);
    }
  }

  /** Every {@code *.json} result in {@code dir}, ordered by start time. */
  List<RunResult> readDir(Path dir) {
    List<RunResult> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .forEach(f -> results.add(read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException("list results in " + dir, e);
    }
    results.sort(Comparator.comparingLong(RunResult::startedAtMillis));
    return results;
  }
}
