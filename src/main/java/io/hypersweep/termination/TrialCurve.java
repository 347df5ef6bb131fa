package io.hypersweep.termination;

import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Input: one trial's intermediate objective values as a policy sees them.
 *
 * <p>The points are sorted by step on construction; when a step was reported twice the later report
 * wins, because a retried step overwrites what the first attempt said.
 *
 * @param number the trial's number, also the tie-breaker (a lower number ranks first)
 * @param running true while the trial can still be stopped
 * @param points the reported (step, value) points in any order
 */
public record TrialCurve(int number, boolean running, List<MetricPoint> points) {

  public TrialCurve {
    List<MetricPoint> sorted = new ArrayList<>(points);
    // stable sort keeps report order among equal steps, so the last one can win below
    sorted.sort(Comparator.comparingLong(MetricPoint::step));
    List<MetricPoint> unique = new ArrayList<>(sorted.size());
    for (MetricPoint p : sorted) {
      if (!unique.isEmpty() && unique.get(unique.size() - 1).step() == p.step()) {
        unique.set(unique.size() - 1, p);
      } else {
        unique.add(p);
      }
    }
    points = List.copyOf(unique);
  }

  /** The highest reported step, or -1 before the first report. */
  public long lastStep() {
    return points.isEmpty() ? -1 : points.get(points.size() - 1).step();
  }
}
