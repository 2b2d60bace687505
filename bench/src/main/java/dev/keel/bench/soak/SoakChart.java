package dev.keel.bench.soak;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of one soak run: per second, stacked on one time axis, this JVM's CPU, heap after GC,
 * the API probe's latencies, Ready nodes, Running pods, open files and the Lease renewal lag; the start of
 * the hold is marked on each.
 */
final class SoakChart {
  private SoakChart() {}

  static JFreeChart chart(SoakRunResult r, List<SoakSample> samples) {
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since the run began"));
    plot.setGap(8);
    double holdStart = samples.stream().filter(s -> "hold".equals(s.phase())).mapToDouble(SoakSample::seconds)
        .findFirst().orElse(Double.NaN);
    plot.add(sub(samples, holdStart, "CPU % of a core", new String[] {"cpu %"},
        SoakSample::cpuPercent));
    plot.add(sub(samples, holdStart, "heap after GC, MiB", new String[] {"heap MiB"},
        SoakSample::heapAfterGcMib));
    plot.add(sub(samples, holdStart, "probe latency, ms", new String[] {"GET node", "LIST pods", "PATCH"},
        SoakSample::getMillis, SoakSample::listMillis, SoakSample::patchMillis));
    plot.add(sub(samples, holdStart, "Ready nodes", new String[] {"Ready nodes"},
        s -> s.readyNodes()));
    plot.add(sub(samples, holdStart, "Running pods", new String[] {"Running pods"},
        s -> s.running()));
    plot.add(sub(samples, holdStart, "open files", new String[] {"file descriptors"},
        s -> s.openFiles() < 0 ? Double.NaN : s.openFiles()));
    plot.add(sub(samples, holdStart, "Lease lag, s", new String[] {"max", "p99"},
        SoakSample::leaseLagMaxSeconds, SoakSample::leaseLagP99Seconds));
    JFreeChart chart = new JFreeChart("keel soak: " + r.name(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
        "%,d hollow nodes, %,d pods in %d Deployments, %d store replica(s): %s; hold %.0f s,"
            + " API p99 %.0f ms, CPU mean %.0f%%, heap after GC max %.0f MiB, lease lag max %.1f s",
        r.nodes(), r.pods(), r.deployments(), r.replicas(),
        r.keptUp() ? "kept up" : "fell behind (" + r.failures().size() + " criteria failed, see the JSON)",
        r.holdSeconds(),
        r.api().all().p99(), r.cpuPercent().mean(), r.heapAfterGcMib().max(), r.leaseLagMaxSeconds())));
    return chart;
  }

  @SafeVarargs
  private static XYPlot sub(List<SoakSample> samples, double holdStart, String axis, String[] names,
      ToDoubleFunction<SoakSample>... values) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int i = 0; i < values.length; i++) {
      XYSeries s = new XYSeries(names[i]);
      for (SoakSample sample : samples) {
        double v = values[i].applyAsDouble(sample);
        if (!Double.isNaN(v)) {
          s.add(sample.seconds(), v);
        }
      }
      data.addSeries(s);
    }
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setDefaultStroke(new BasicStroke(1.5f));
    lines.setAutoPopulateSeriesStroke(false);
    NumberAxis y = new NumberAxis(axis);
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, null, y, lines);
    if (!Double.isNaN(holdStart)) {
      plot.addDomainMarker(new ValueMarker(holdStart));
    }
    return plot;
  }

  static void write(SoakRunResult r, List<SoakSample> samples, Path png) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart(r, samples), 1000, 1450);
    } catch (IOException e) {
      throw new UncheckedIOException("write chart of " + r.name() + " to " + png, e);
    }
  }
}
