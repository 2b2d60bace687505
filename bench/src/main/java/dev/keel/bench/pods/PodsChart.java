package dev.keel.bench.pods;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of one pod startup run: each pod's latency against its create time, with p99 marked. */
final class PodsChart {
  private PodsChart() {}

  static JFreeChart chart(PodsRunResult r) {
    XYSeries s = new XYSeries("create -> Running (ms)");
    for (PodsRunResult.Sample p : r.samples()) {
      s.add(p.createdAtMillis() / 1000.0, p.latencyMillis());
    }
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    XYPlot plot = new XYPlot(new XYSeriesCollection(s),
        new NumberAxis("create sent, seconds since the first create"),
        new NumberAxis("create -> Running, ms"), dots);
    ValueMarker p99 = new ValueMarker(r.latencyMillis().p99());
    p99.setLabel(String.format(Locale.ROOT, "p99 %.0f ms", r.latencyMillis().p99()));
    plot.addRangeMarker(p99);
    JFreeChart chart = new JFreeChart("keel pod startup: " + r.name(), JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
        "%d pods (process runtime), %d creates in flight, %d store replica(s): p50 %.0f ms, p90 %.0f ms,"
            + " p99 %.0f ms, max %.0f ms; %.1f pods/s; %d cores, load %.1f -> %.1f",
        r.pods(), r.concurrency(), r.replicas(), r.latencyMillis().p50(), r.latencyMillis().p90(),
        r.latencyMillis().p99(), r.latencyMillis().max(), r.podsPerSecond(), r.machine().cores(),
        r.machine().loadAverageStart(), r.machine().loadAverageEnd())));
    return chart;
  }

  static void write(PodsRunResult r, Path png) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart(r), 1000, 600);
    } catch (IOException e) {
      throw new UncheckedIOException("write chart of " + r.name() + " to " + png, e);
    }
  }
}
