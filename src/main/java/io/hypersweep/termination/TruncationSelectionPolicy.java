package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Policy: HyperDrive's truncation selection, stopping the running trials ranked in the worst X% at
 * their evaluation step.
 *
 * <p>At step N the trials that reached N (finished ones included) are ranked by their value at N,
 * ties going to the lower trial number; the worst floor(count · X / 100) are the truncated group,
 * and a running trial judged at N is stopped if it is in it. With fewer than {@code minTrials}
 * trials at N nothing is stopped, and the floor means e.g. 10% stops nobody until ten trials
 * reached N, so the first trials of a sweep are never truncated on a tiny sample.
 */
final class TruncationSelectionPolicy implements TerminationPolicy {

  private final TruncationSelectionSettings s;

  TruncationSelectionPolicy(TruncationSelectionSettings settings) {
    this.s = settings;
  }

  @Override
  public List<StopDecision> decide(Goal goal, List<TrialCurve> trials) {
    List<IndexedCurve> all = IndexedCurve.index(goal, trials);
    Map<Long, Map<Integer, Integer>> ranksAt = new HashMap<>();
    List<StopDecision> out = new ArrayList<>();
    for (IndexedCurve t : all) {
      long n = Steps.latestEvaluation(t.lastStep(), s.evaluationInterval(), s.delayEvaluation());
      if (!t.running || n < 0 || !t.reached(n)) {
        continue;
      }
      Map<Integer, Integer> ranks = ranksAt.computeIfAbsent(n, k -> ranks(goal, all, k));
      int count = ranks.size();
      int truncated = (int) ((long) count * s.truncationPercentage() / 100);
      int rank = ranks.get(t.number);
      if (count >= s.minTrials() && rank >= count - truncated) {
        double v = t.valueAt(n);
        out.add(
            new StopDecision(
                t.number,
                n,
                v,
                String.format(
                    Locale.ROOT,
                    "truncationSelection: value %s at step %d ranks %d of %d, in the worst %d%%",
                    BanditPolicy.fmt(v),
                    n,
                    rank + 1,
                    count,
                    s.truncationPercentage())));
      }
    }
    return out;
  }

  /** Rank (0 = best) of every trial that reached N, by its value at N. */
  static Map<Integer, Integer> ranks(Goal goal, List<IndexedCurve> all, long n) {
    List<double[]> rows = new ArrayList<>();
    for (IndexedCurve c : all) {
      if (c.reached(n)) {
        rows.add(new double[] {c.valueAt(n), c.number});
      }
    }
    rows.sort(IndexedCurve.ranking(goal));
    Map<Integer, Integer> ranks = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      ranks.put((int) rows.get(i)[1], i);
    }
    return ranks;
  }

  @Override
  public List<MetricPoint> pointsToKeep(Goal goal, List<MetricPoint> points) {
    return Steps.keepPerWindow(
        goal,
        points,
        step -> Steps.evaluationWindow(step, s.evaluationInterval(), s.delayEvaluation()),
        false);
  }
}
