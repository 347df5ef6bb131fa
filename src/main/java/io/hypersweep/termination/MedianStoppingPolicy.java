package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Policy: Vizier's median stopping rule, with a true median (Katib's "medianstop" uses a mean).
 *
 * <p>At step N a running trial is stopped when its best value up to N is strictly worse than the
 * median of the running averages over steps 1..N of the other trials that reached N, finished ones
 * included. With fewer than {@code minTrials} such trials nothing is stopped, because a median of
 * one or two curves mostly measures noise. An even count takes the mean of the two middle averages.
 * Running averages hold a missing step at the value before it.
 */
final class MedianStoppingPolicy implements TerminationPolicy {

  private final MedianStoppingSettings s;

  MedianStoppingPolicy(MedianStoppingSettings settings) {
    this.s = settings;
  }

  @Override
  public List<StopDecision> decide(Goal goal, List<TrialCurve> trials) {
    List<IndexedCurve> all = IndexedCurve.index(goal, trials);
    List<StopDecision> out = new ArrayList<>();
    for (IndexedCurve t : all) {
      long n = Steps.latestEvaluation(t.lastStep(), s.evaluationInterval(), s.delayEvaluation());
      if (!t.running || n < 0 || !t.reached(n)) {
        continue;
      }
      double[] averages =
          all.stream()
              .filter(o -> o != t && o.reached(n))
              .mapToDouble(o -> o.runningAverage(n))
              .toArray();
      if (averages.length < s.minTrials()) {
        continue;
      }
      double median = median(averages);
      double y = t.bestUpTo(n);
      if (goal.isBetter(median, y)) {
        out.add(
            new StopDecision(
                t.number,
                n,
                y,
                String.format(
                    Locale.ROOT,
                    "medianStopping: best value %s up to step %d is %s than the median %s of %d"
                        + " other trials' running averages",
                    BanditPolicy.fmt(y),
                    n,
                    goal == Goal.MAXIMIZE ? "lower" : "higher",
                    BanditPolicy.fmt(median),
                    averages.length)));
      }
    }
    return out;
  }

  static double median(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /**
   * Every point: a running average needs each value, so this policy cannot thin a curve (a status
   * would have to store prefix sums instead, which is a different format).
   */
  @Override
  public List<MetricPoint> pointsToKeep(Goal goal, List<MetricPoint> points) {
    return new TrialCurve(0, false, points).points();
  }
}
