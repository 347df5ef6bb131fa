package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Policy: asynchronous successive halving in its stopping form (Optuna's SuccessiveHalvingPruner,
 * Ray's ASHAScheduler).
 *
 * <p>Rungs sit at minResource · η^k, below maxResource when one is set. A running trial is judged
 * at the highest rung it reached: among all trials' values at that rung (finished ones and the
 * trial itself included, value = last report at or before the rung) it continues only if it ranks
 * in the top floor(count / η), ties going to the lower trial number. With fewer than η values at
 * the rung it continues, as there is no top 1/η yet. Being pure, the policy keeps judging a trial
 * at its rung until it reaches the next one, so a trial that passed early can still be stopped
 * there when better trials arrive; that is stricter than Optuna, which judges once per rung.
 */
final class AshaPolicy implements TerminationPolicy {

  private final AshaSettings s;

  AshaPolicy(AshaSettings settings) {
    this.s = settings;
  }

  /** The highest judged rung at or below {@code step}, or -1. */
  long rungAtOrBelow(long step) {
    if (step < s.minResource() || !judged(s.minResource())) {
      return -1;
    }
    long r = s.minResource();
    while (r <= step / s.reductionFactor() && judged(r * s.reductionFactor())) {
      r *= s.reductionFactor();
    }
    return r;
  }

  /** The lowest judged rung at or above {@code step}, or Long.MAX_VALUE past the last one. */
  long rungAtOrAbove(long step) {
    long r = s.minResource();
    while (r < step) {
      if (r > Long.MAX_VALUE / s.reductionFactor()) {
        return Long.MAX_VALUE;
      }
      r *= s.reductionFactor();
    }
    return judged(r) ? r : Long.MAX_VALUE;
  }

  private boolean judged(long rung) {
    return s.maxResource() == null || rung < s.maxResource();
  }

  @Override
  public List<StopDecision> decide(Goal goal, List<TrialCurve> trials) {
    List<IndexedCurve> all = IndexedCurve.index(goal, trials);
    Map<Long, Map<Integer, Integer>> ranksAt = new HashMap<>();
    List<StopDecision> out = new ArrayList<>();
    for (IndexedCurve t : all) {
      long rung = rungAtOrBelow(t.lastStep());
      if (!t.running || rung < 0 || !t.reached(rung)) {
        continue;
      }
      Map<Integer, Integer> ranks =
          ranksAt.computeIfAbsent(rung, k -> TruncationSelectionPolicy.ranks(goal, all, k));
      int count = ranks.size();
      int keep = count / s.reductionFactor();
      int rank = ranks.get(t.number);
      if (count >= s.reductionFactor() && rank >= keep) {
        double v = t.valueAt(rung);
        out.add(
            new StopDecision(
                t.number,
                rung,
                v,
                String.format(
                    Locale.ROOT,
                    "asha: value %s at rung %d ranks %d of %d, outside the top %d (1/%d)",
                    BanditPolicy.fmt(v),
                    rung,
                    rank + 1,
                    count,
                    keep,
                    s.reductionFactor())));
      }
    }
    return out;
  }

  @Override
  public List<MetricPoint> pointsToKeep(Goal goal, List<MetricPoint> points) {
    return Steps.keepPerWindow(goal, points, this::rungAtOrAbove, false);
  }
}
