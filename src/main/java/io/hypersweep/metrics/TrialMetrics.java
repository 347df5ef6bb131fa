package io.hypersweep.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Accumulates one trial's metric reports, in log order, into final values per metric and a bounded
 * series of the objective metric.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A metric's final value is the last one reported.
 *   <li>Termination-message metrics win over log metrics of the same name, whatever the order in
 *       which both are added: the trainer writes the message once, deliberately, at exit.
 *   <li>A report of the objective without a step gets the previous objective step + 1; the first
 *       such report is step 1, so that without explicit steps the n-th report is step n.
 *   <li>The series keeps at most {@code maxPoints} points: every stride-th report (the stride
 *       doubling whenever the kept points exceed the bound) plus the latest one. The result depends
 *       only on the reports, is evenly spread, and always holds the first and the latest report.
 *   <li>Only the first {@link #MAX_METRIC_NAMES} distinct names are tracked, so a noisy log cannot
 *       grow the trial's state without bound.
 * </ul>
 *
 * <p>Not thread-safe. Feed it a whole log once, or successive new lines; re-reading a log from the
 * start needs a fresh instance.
 */
public final class TrialMetrics {

  /** Default bound on the objective series. */
  public static final int DEFAULT_MAX_POINTS = 1000;

  /** Bound on distinct metric names tracked per trial. */
  public static final int MAX_METRIC_NAMES = 256;

  /** A kept point with its report ordinal, which decides whether it survives downsampling. */
  private record Ordered(long ordinal, MetricPoint point) {}

  private final String objective;
  private final int maxPoints;
  private final Map<String, Double> logValues = new LinkedHashMap<>();
  private final Map<String, Double> terminationValues = new LinkedHashMap<>();
  private final List<Ordered> kept = new ArrayList<>();
  private Ordered latest;
  private long stride = 1;
  private long objectiveReports;
  private Instant lastTimestamp;

  /** Accumulates for {@code objective}, keeping at most {@link #DEFAULT_MAX_POINTS} points. */
  public TrialMetrics(String objective) {
    this(objective, DEFAULT_MAX_POINTS);
  }

  /** Accumulates for {@code objective}, keeping at most {@code maxPoints} (at least 2) points. */
  public TrialMetrics(String objective, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints must be >= 2 to keep first and latest");
    }
    this.objective = Objects.requireNonNull(objective, "objective");
    this.maxPoints = maxPoints;
  }

  /** Adds one report from the log. */
  public void add(MetricReport report) {
    for (Map.Entry<String, Double> e : report.values().entrySet()) {
      put(logValues, e.getKey(), e.getValue());
    }
    if (report.timestamp() != null) {
      lastTimestamp = report.timestamp();
    }
    Double value = report.values().get(objective);
    if (value != null) {
      long step = report.step() != null ? report.step() : nextImplicitStep();
      addObjectivePoint(new MetricPoint(step, value));
    }
  }

  /** Parses {@code line} with {@code parser} and adds its report, if any. */
  public void addLine(MetricLineParser parser, String line) {
    parser.parse(line).ifPresent(this::add);
  }

  /** Parses every line of {@code log} (split on '\n') with {@code parser} and adds the reports. */
  public void addLog(MetricLineParser parser, String log) {
    if (log == null) {
      return;
    }
    int start = 0;
    while (start <= log.length()) {
      int end = log.indexOf('\n', start);
      if (end < 0) {
        end = log.length();
      }
      addLine(parser, log.substring(start, end));
      start = end + 1;
    }
  }

  /** Adds the trainer's termination-message metrics, which win over log values. */
  public void addTerminationMetrics(Map<String, Double> metrics) {
    metrics.forEach((name, value) -> put(terminationValues, name, value));
  }

  /** Final value per metric: the last log report, overridden by the termination message. */
  public Map<String, Double> finalValues() {
    Map<String, Double> merged = new LinkedHashMap<>(logValues);
    merged.putAll(terminationValues);
    return Collections.unmodifiableMap(merged);
  }

  /** The objective's final value, by the same rule as {@link #finalValues()}. */
  public OptionalDouble objectiveValue() {
    Double value = terminationValues.getOrDefault(objective, logValues.get(objective));
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** How many log reports held the objective (the termination message is not counted). */
  public long objectiveReportCount() {
    return objectiveReports;
  }

  /** The objective's bounded series from the log, in report order. */
  public List<MetricPoint> objectiveSeries() {
    List<MetricPoint> points = new ArrayList<>(kept.size() + 1);
    for (Ordered o : kept) {
      points.add(o.point());
    }
    if (latest != null && seriesSize() > kept.size()) {
      points.add(latest.point());
    }
    return Collections.unmodifiableList(points);
  }

  /** The timestamp of the last report that had one. */
  public Optional<Instant> lastTimestamp() {
    return Optional.ofNullable(lastTimestamp);
  }

  /** The objective metric's name. */
  public String objective() {
    return objective;
  }

  private long nextImplicitStep() {
    return latest == null ? 1 : latest.point().step() + 1;
  }

  private void addObjectivePoint(MetricPoint point) {
    Ordered o = new Ordered(objectiveReports++, point);
    latest = o;
    if (o.ordinal() % stride == 0) {
      kept.add(o);
    }
    while (seriesSize() > maxPoints) {
      stride *= 2;
      kept.removeIf(k -> k.ordinal() % stride != 0);
    }
  }

  /** Kept points, plus the latest when it is not one of them. */
  private int seriesSize() {
    boolean latestKept = !kept.isEmpty() && kept.get(kept.size() - 1) == latest;
    return kept.size() + (latestKept ? 0 : 1);
  }

  private static void put(Map<String, Double> values, String name, Double value) {
    if (name == null || value == null || !Double.isFinite(value)) {
      return;
    }
    if (values.containsKey(name) || values.size() < MAX_METRIC_NAMES) {
      values.put(name, value);
    }
  }
}
