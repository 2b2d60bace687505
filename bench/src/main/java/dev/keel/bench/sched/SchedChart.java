package dev.keel.bench.sched;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of one scheduling run: pods created and pods bound in each second, with the summary. */
final class SchedChart {
  private SchedChart() {}

  static JFreeChart chart(SchedRunResult r) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("created/s", r.createdPerSecond()));
    data.addSeries(series("bound/s", r.boundPerSecond()));
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setDefaultStroke(new BasicStroke(2f));
    lines.setAutoPopulateSeriesStroke(false);
    XYPlot plot = new XYPlot(data, new NumberAxis("seconds since the first create"),
        new NumberAxis("pods per second"), lines);
    JFreeChart chart = new JFreeChart("keel scheduler: " + r.name(), JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
        "%,d nodes, %,d pods after %,d initial: %,.0f pods/s bound end to end in %.1f s; create-to-bound p50 %.0f ms,"
            + " p99 %.0f ms; %d cores, load %.1f -> %.1f",
        r.nodes(), r.pods(), r.initPods(), r.podsPerSecond(), r.seconds(), r.latencyMillis().p50(),
        r.latencyMillis().p99(), r.machine().cores(), r.machine().loadAverageStart(),
        r.machine().loadAverageEnd())));
    return chart;
  }

  private static XYSeries series(String name, List<Long> perSecond) {
    XYSeries s = new XYSeries(name);
    for (int i = 0; i < perSecond.size(); i++) {
      s.add(i + 0.5, perSecond.get(i));
    }
    return s;
  }

  static void write(SchedRunResult r, Path png) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart(r), 1000, 600);
    } catch (IOException e) {
      throw new UncheckedIOException("write chart of " + r.name() + " to " + png, e);
    }
  }
}
