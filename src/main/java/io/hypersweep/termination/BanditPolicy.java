package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Policy: HyperDrive's bandit, stopping a trial whose best-so-far trails the best of all trials by
 * more than the slack.
 *
 * <p>B is the best value any trial (finished ones included) reported up to step N, Y the judged
 * trial's best up to N. With an amount the cutoff is B − amount (maximize) or B + amount
 * (minimize). With a factor the maximize cutoff is B / (1 + factor) and the minimize one B · (1 +
 * factor) when B &gt; 0; for any sign it is applied to |B| (B − |B|·f/(1+f), B + |B|·f), so the
 * cutoff always lies on the worse side of B even for negative metrics such as log-likelihoods.
 * Stopping needs Y strictly worse than the cutoff.
 */
final class BanditPolicy implements TerminationPolicy {

  private final BanditSettings s;

  BanditPolicy(BanditSettings settings) {
    this.s = settings;
  }

  @Override
  public List<StopDecision> decide(Goal goal, List<TrialCurve> trials) {
    List<IndexedCurve> all = IndexedCurve.index(goal, trials);
    Map<Long, Double> bestAt = new HashMap<>();
    List<StopDecision> out = new ArrayList<>();
    for (IndexedCurve t : all) {
      long n = Steps.latestEvaluation(t.lastStep(), s.evaluationInterval(), s.delayEvaluation());
      if (!t.running || n < 0 || !t.reached(n)) {
        continue;
      }
      double b = bestAt.computeIfAbsent(n, k -> bestOfAll(goal, all, k));
      double cutoff = cutoff(goal, b);
      double y = t.bestUpTo(n);
      if (goal.isBetter(cutoff, y)) {
        out.add(new StopDecision(t.number, n, y, reason(goal, n, y, b, cutoff)));
      }
    }
    return out;
  }

  private static double bestOfAll(Goal goal, List<IndexedCurve> all, long n) {
    double b = Double.NaN;
    for (IndexedCurve c : all) {
      if (c.lastStep() >= 0 && c.reachedAnyBy(n)) {
        double v = c.bestUpTo(n);
        if (Double.isNaN(b) || goal.isBetter(v, b)) {
          b = v;
        }
      }
    }
    return b;
  }

  double cutoff(Goal goal, double b) {
    double slack =
        s.slackAmount() != null
            ? s.slackAmount()
            : goal == Goal.MAXIMIZE
                ? Math.abs(b) * s.slackFactor() / (1 + s.slackFactor())
                : Math.abs(b) * s.slackFactor();
    return goal == Goal.MAXIMIZE ? b - slack : b + slack;
  }

  private String reason(Goal goal, long n, double y, double b, double cutoff) {
    String slack =
        s.slackAmount() != null
            ? "slack amount " + fmt(s.slackAmount())
            : "slack factor " + fmt(s.slackFactor());
    return String.format(
        Locale.ROOT,
        "bandit: best value %s up to step %d is %s than the cutoff %s (best of all trials %s, %s)",
        fmt(y),
        n,
        goal == Goal.MAXIMIZE ? "lower" : "higher",
        fmt(cutoff),
        fmt(b),
        slack);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  @Override
  public List<MetricPoint> pointsToKeep(Goal goal, List<MetricPoint> points) {
    return Steps.keepPerWindow(
        goal,
        points,
        step -> Steps.evaluationWindow(step, s.evaluationInterval(), s.delayEvaluation()),
        true);
  }
}
