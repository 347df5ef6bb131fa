package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/** Helper: evaluation-step arithmetic and point retention shared by the policies. */
final class Steps {

  private Steps() {}

  static void check(int evaluationInterval, int delayEvaluation) {
    if (evaluationInterval < 1) {
      throw new IllegalArgumentException(
          "evaluationInterval must be >= 1, got " + evaluationInterval);
    }
    if (delayEvaluation < 0) {
      throw new IllegalArgumentException("delayEvaluation must be >= 0, got " + delayEvaluation);
    }
  }

  /**
   * The latest evaluation step at or before {@code lastStep}, or -1. Step 0 is never judged:
   * HyperDrive counts intervals from 1, and nothing is known to compare at step 0.
   */
  static long latestEvaluation(long lastStep, int interval, int delay) {
    long n = Math.floorDiv(lastStep, interval) * interval;
    return n >= Math.max(1, delay) ? n : -1;
  }

  /** The first evaluation step at or after {@code step}: the window the step's value falls in. */
  static long evaluationWindow(long step, int interval, int delay) {
    long from = Math.max(step, Math.max(1, delay));
    return Math.floorDiv(from + interval - 1, interval) * interval;
  }

  /**
   * Keeps, per window, the best point (for best-so-far comparisons) or the last point (for "value
   * at N"), plus the final point, whose step says how far the trial got.
   */
  static List<MetricPoint> keepPerWindow(
      Goal goal, List<MetricPoint> points, LongUnaryOperator window, boolean keepBest) {
    List<MetricPoint> sorted = new TrialCurve(0, false, points).points();
    List<MetricPoint> kept = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      long w = window.applyAsLong(sorted.get(i).step());
      MetricPoint pick = sorted.get(i);
      int j = i + 1;
      while (j < sorted.size() && window.applyAsLong(sorted.get(j).step()) == w) {
        MetricPoint p = sorted.get(j);
        if (!keepBest || goal.isBetter(p.value(), pick.value())) {
          pick = p;
        }
        j++;
      }
      kept.add(pick);
      MetricPoint last = sorted.get(j - 1);
      if (keepBest && j == sorted.size() && last != pick) {
        kept.add(last);
      }
      i = j;
    }
    return List.copyOf(kept);
  }
}
