package io.hypersweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrialMetrics}. */
class TrialMetricsTest {

  private final MetricLineParser kv = MetricLineParser.keyValue();

  private static MetricReport report(Long step, String name, double value) {
    return new MetricReport(step, Map.of(name, value), null);
  }

  @Test
  void keepsTheLastValueOfEachMetric() {
    TrialMetrics t = new TrialMetrics("acc");
    t.addLog(kv, "loss=0.5 acc=0.6\nnoise\nloss=0.4\nacc=0.7 lr=0.1\n");
    assertThat(t.finalValues())
        .containsExactly(entry("loss", 0.4), entry("acc", 0.7), entry("lr", 0.1));
    assertThat(t.objectiveValue()).hasValue(0.7);
    assertThat(t.objectiveReportCount()).isEqualTo(2);
  }

  @Test
  void countsImplicitStepsFromOneAndContinuesAfterExplicitOnes() {
    TrialMetrics t = new TrialMetrics("acc");
    t.addLog(kv, "acc=0.1\nacc=0.2\nstep=10 acc=0.3\nacc=0.4\nloss=1\nepoch=3 acc=0.5");
    assertThat(t.objectiveSeries())
        .containsExactly(
            new MetricPoint(1, 0.1),
            new MetricPoint(2, 0.2),
            new MetricPoint(10, 0.3),
            new MetricPoint(11, 0.4),
            new MetricPoint(3, 0.5));
  }

  @Test
  void terminationMetricsWinInEitherOrder() {
    TrialMetrics before = new TrialMetrics("acc");
    before.addTerminationMetrics(Map.of("acc", 0.95));
    before.addLine(kv, "acc=0.9 loss=0.1");
    TrialMetrics after = new TrialMetrics("acc");
    after.addLine(kv, "acc=0.9 loss=0.1");
    after.addTerminationMetrics(Map.of("acc", 0.95));
    for (TrialMetrics t : List.of(before, after)) {
      assertThat(t.finalValues()).containsEntry("acc", 0.95).containsEntry("loss", 0.1);
      assertThat(t.objectiveValue()).hasValue(0.95);
      assertThat(t.objectiveReportCount()).isEqualTo(1);
      assertThat(t.objectiveSeries()).containsExactly(new MetricPoint(1, 0.9));
    }
  }

  @Test
  void terminationOnlyObjectiveHasNoSeries() {
    TrialMetrics t = new TrialMetrics("acc");
    t.addTerminationMetrics(Map.of("acc", 0.5));
    assertThat(t.objectiveValue()).hasValue(0.5);
    assertThat(t.objectiveSeries()).isEmpty();
    assertThat(new TrialMetrics("acc").objectiveValue()).isEmpty();
  }

  @Test
  void downsamplesDeterministicallyKeepingFirstAndLatest() {
    for (int n : new int[] {1, 2, 999, 1000, 1001, 2500, 12_345, 100_000}) {
      TrialMetrics a = new TrialMetrics("loss");
      TrialMetrics b = new TrialMetrics("loss");
      for (int i = 0; i < n; i++) {
        a.add(report((long) i, "loss", i));
        b.add(report((long) i, "loss", i));
      }
      List<MetricPoint> series = a.objectiveSeries();
      assertThat(series).as("n=%d", n).hasSizeLessThanOrEqualTo(1000);
      assertThat(series).isEqualTo(b.objectiveSeries());
      assertThat(series.get(0)).isEqualTo(new MetricPoint(0, 0));
      assertThat(series.get(series.size() - 1)).isEqualTo(new MetricPoint(n - 1, n - 1));
      assertThat(series).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
      assertThat(a.objectiveReportCount()).isEqualTo(n);
      if (n <= 1000) {
        assertThat(series).hasSize(n);
      } else {
        // Evenly spread: never collapsed to a handful of points.
        assertThat(series).hasSizeGreaterThan(500);
      }
    }
  }

  @Test
  void smallBoundStillKeepsFirstAndLatest() {
    TrialMetrics t = new TrialMetrics("loss", 2);
    for (int i = 0; i < 50; i++) {
      t.add(report(null, "loss", i));
    }
    assertThat(t.objectiveSeries()).containsExactly(new MetricPoint(1, 0), new MetricPoint(50, 49));
    assertThatThrownBy(() -> new TrialMetrics("loss", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boundsTheNumberOfDistinctMetricNames() {
    TrialMetrics t = new TrialMetrics("m0");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      line.append("m").append(i).append("=").append(i).append(' ');
    }
    t.addLine(kv, line.toString());
    t.addLine(kv, "m0=5 m999=7");
    assertThat(t.finalValues()).hasSize(TrialMetrics.MAX_METRIC_NAMES).containsEntry("m0", 5.0);
    assertThat(t.finalValues()).doesNotContainKey("m999");
  }

  @Test
  void recordsTheLastTimestamp() {
    TrialMetrics t = new TrialMetrics("acc");
    t.addLog(kv, "2026-12-04T15:33:40Z acc=0.1\r\n2026-12-04T15:34:00Z acc=0.2\r\nacc=0.3\r\n");
    assertThat(t.lastTimestamp()).contains(Instant.parse("2026-12-04T15:34:00Z"));
    assertThat(t.finalValues()).containsExactly(entry("acc", 0.3));
  }

  @Test
  void ignoresNonFiniteTerminationValues() {
    TrialMetrics t = new TrialMetrics("acc");
    t.addLine(kv, "acc=0.9");
    t.addTerminationMetrics(Map.of("acc", Double.NaN));
    assertThat(t.objectiveValue()).hasValue(0.9);
  }

  @Test
  void incrementalLinesEqualAWholeLog() {
    String log = "step=1 loss=3\nstep=2 loss=2\ngarbage\nstep=3 loss=1\n";
    TrialMetrics whole = new TrialMetrics("loss");
    whole.addLog(kv, log);
    TrialMetrics lines = new TrialMetrics("loss");
    List<String> split = new ArrayList<>(List.of(log.split("\n")));
    split.forEach(l -> lines.addLine(kv, l));
    assertThat(lines.finalValues()).isEqualTo(whole.finalValues());
    assertThat(lines.objectiveSeries()).isEqualTo(whole.objectiveSeries());
  }
}
