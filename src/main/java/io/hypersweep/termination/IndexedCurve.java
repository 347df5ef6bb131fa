package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Helper: a trial curve with prefix arrays, so each "at step N" question costs a binary search; the
 * benchmark replays thousands of decisions and a linear scan per question was the bottleneck.
 */
final class IndexedCurve {

  final int number;
  final boolean running;
  private final long[] steps;
  private final double[] values;
  private final double[] best;
  // cumulative step-held sum before point i, for running averages over missing steps
  private final double[] heldSum;

  private IndexedCurve(Goal goal, TrialCurve curve) {
    number = curve.number();
    running = curve.running();
    List<MetricPoint> pts = curve.points();
    int n = pts.size();
    steps = new long[n];
    values = new double[n];
    best = new double[n];
    heldSum = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = pts.get(i).step();
      values[i] = pts.get(i).value();
      best[i] = i == 0 || goal.isBetter(values[i], best[i - 1]) ? values[i] : best[i - 1];
      heldSum[i] = i == 0 ? 0 : heldSum[i - 1] + values[i - 1] * (steps[i] - steps[i - 1]);
    }
  }

  /** Indexes all curves in trial-number order, which makes every decision order-independent. */
  static List<IndexedCurve> index(Goal goal, List<TrialCurve> trials) {
    List<IndexedCurve> out = new ArrayList<>(trials.size());
    Set<Integer> seen = new HashSet<>();
    for (TrialCurve t : trials) {
      if (!seen.add(t.number())) {
        throw new IllegalArgumentException("trial " + t.number() + " appears twice");
      }
      out.add(new IndexedCurve(goal, t));
    }
    out.sort(Comparator.comparingInt(c -> c.number));
    return out;
  }

  long lastStep() {
    return steps.length == 0 ? -1 : steps[steps.length - 1];
  }

  /** Reached N: reported at N or later, and has a value at or before N to compare. */
  boolean reached(long n) {
    return lastStep() >= n && steps[0] <= n;
  }

  /** Has a value at or before N (it may not have got as far as N). */
  boolean reachedAnyBy(long n) {
    return steps.length > 0 && steps[0] <= n;
  }

  private int indexAt(long n) {
    int i = Arrays.binarySearch(steps, n);
    return i >= 0 ? i : -i - 2;
  }

  /** The last value at or before N; call only when {@link #reached}. */
  double valueAt(long n) {
    return values[indexAt(n)];
  }

  double bestUpTo(long n) {
    return best[indexAt(n)];
  }

  /**
   * Mean over steps from the first report to N, each missing step holding the value before it; with
   * a report at every step this is the plain mean of the values.
   */
  double runningAverage(long n) {
    int i = indexAt(n);
    double sum = heldSum[i] + values[i] * (n - steps[i] + 1);
    return sum / (n - steps[0] + 1);
  }

  /** Orders better values first, then lower trial numbers first, for deterministic ranking. */
  static Comparator<double[]> ranking(Goal goal) {
    Comparator<double[]> byValue = Comparator.comparingDouble(a -> a[0]);
    if (goal == Goal.MAXIMIZE) {
      byValue = byValue.reversed();
    }
    return byValue.thenComparingDouble(a -> a[1]);
  }
}
