package dev.keel.bench.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A PNG comparing many runs: one group of bars per step ({@link RunResult#name()}), one bar per
 * system ({@link RunResult#label()}); throughput on top, p50 and p99 latency (log scale) below.
 */
final class ComparisonChart {
  private ComparisonChart() {}

  static JFreeChart chart(String title, List<RunResult> results) {
    DefaultCategoryDataset throughput = new DefaultCategoryDataset();
    DefaultCategoryDataset latency = new DefaultCategoryDataset();
    for (RunResult r : results) {
      throughput.addValue(r.throughput(), r.label(), r.name());
      latency.addValue(Math.max(0.001, r.latency().p50()), r.label() + " p50", r.name());
      latency.addValue(Math.max(0.001, r.latency().p99()), r.label() + " p99", r.name());
    }
    CategoryAxis steps = new CategoryAxis("step");
    steps.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(steps);
    plot.add(new CategoryPlot(throughput, null, new NumberAxis("ops/s"), bars()), 1);
    LogAxis ms = new LogAxis("latency (ms, log)");
    ms.setSmallestValue(0.001);
    plot.add(new CategoryPlot(latency, null, ms, bars()), 1);
    return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  static void write(String title, List<RunResult> results, Path png) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart(title, results), 1200, 900);
    } catch (IOException e) {
      throw new UncheckedIOException("write comparison chart to " + png, e);
    }
  }

  private static BarRenderer bars() {
    BarRenderer renderer = new BarRenderer();
    renderer.setItemMargin(0.02);
    renderer.setShadowVisible(false);
    return renderer;
  }
}
