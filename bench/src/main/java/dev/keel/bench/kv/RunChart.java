package dev.keel.bench.kv;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of one run over time: throughput per second on top, latency percentiles (p50, p90,
 * p99, max) per second below, with the run's summary as subtitle.
 */
final class RunChart {
  private RunChart() {}

  static JFreeChart chart(RunResult r) {
    XYSeries throughput = new XYSeries("ops/s");
    XYSeries p50 = new XYSeries("p50");
    XYSeries p90 = new XYSeries("p90");
    XYSeries p99 = new XYSeries("p99");
    XYSeries max = new XYSeries("max");
    for (TimelinePoint p : r.timeline()) {
      throughput.add(p.second(), p.throughput());
      p50.add(p.second(), p.latency().p50());
      p90.add(p.second(), p.latency().p90());
      p99.add(p.second(), p.latency().p99());
      max.add(p.second(), p.latency().max());
    }
    XYPlot top = new XYPlot(new XYSeriesCollection(throughput), null,
        new NumberAxis("ops/s"), lines());
    XYSeriesCollection latencies = new XYSeriesCollection();
    latencies.addSeries(p50);
    latencies.addSeries(p90);
    latencies.addSeries(p99);
    latencies.addSeries(max);
    XYPlot bottom = new XYPlot(latencies, null, new NumberAxis("latency (ms)"), lines());
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds"));
    plot.add(top, 1);
    plot.add(bottom, 1);
    JFreeChart chart = new JFreeChart(r.label() + ": " + r.name(),
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
        "%,.0f ops/s over %.1f s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors",
        r.throughput(), r.seconds(), r.latency().p50(), r.latency().p90(), r.latency().p99(),
        r.latency().max(), r.errors())));
    return chart;
  }

  static void write(RunResult r, Path png) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart(r), 1000, 700);
    } catch (IOException e) {
      throw new UncheckedIOException("write chart of " + r.name() + " to " + png, e);
    }
  }

  private static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setDefaultStroke(new BasicStroke(2f));
    renderer.setAutoPopulateSeriesStroke(false);
    return renderer;
  }
}
