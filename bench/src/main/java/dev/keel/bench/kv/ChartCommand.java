package dev.keel.bench.kv;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keel-bench chart}: one result file gives its timeline chart, several give a comparison
 * chart (a group of bars per step name, a bar per label).
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = "Render a PNG from one result (timeline) or several (comparison).")
final class ChartCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Result JSON files.")
  List<Path> files;

  @Option(names = "--out", required = true, description = "PNG to write.")
  Path out;

  @Option(names = "--title", defaultValue = "keel-bench", description = "Title of a comparison chart.")
  String title;

  @Override
  public Integer call() {
    ResultFiles io = new ResultFiles();
    List<RunResult> results = files.stream().map(io::read).toList();
    if (results.size() == 1) {
      RunChart.write(results.get(0), out);
    } else {
      ComparisonChart.write(title, results, out);
    }
    return 0;
  }
}
