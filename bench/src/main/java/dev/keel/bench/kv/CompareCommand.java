package dev.keel.bench.kv;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench compare}: reads every JSON result in a directory, pairs the steps run on the
 * target and the base system, prints the Markdown ratio table, and renders the comparison chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Print a target/base ratio table (Markdown) of the results in a directory.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, description = "Directory of *.json results.")
  Path dir;

  @Option(names = "--target", defaultValue = "keel", description = "Label of the system compared (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--base", defaultValue = "etcd", description = "Label of the reference system (default: ${DEFAULT-VALUE}).")
  String base;

  @Option(names = "--markdown", description = "Also write the table to this file.")
  Path markdown;

  @Option(names = "--png", description = "Render the comparison chart to this PNG.")
  Path png;

  @Option(names = "--scaling", split = ",", defaultValue = "put-1:put-16,put-1:put-64,put-1:put-256",
      description = "Throughput scaling lines FROM:TO (default: ${DEFAULT-VALUE}).")
  List<String> scaling;

  @Override
  public Integer call() throws IOException {
    List<RunResult> results = new ResultFiles().readDir(dir);
    RatioTable table = new RatioTable(results, target, base);
    StringBuilder text = new StringBuilder(table.markdown());
    for (String pair : scaling) {
      String[] steps = pair.split(":", 2);
      if (steps.length == 2) {
        table.scaling(steps[0], steps[1]).ifPresent(line -> text.append('\n').append(line));
      }
    }
    text.append('\n');
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, text);
    }
    if (png != null) {
      ComparisonChart.write(target + " vs " + base, results, png);
    }
    return table.rows().isEmpty() ? 1 : 0;
  }
}
