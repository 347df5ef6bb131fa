package io.hypersweep.planning;

import io.hypersweep.api.CurvePoint;
import io.hypersweep.api.Goal;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.termination.StopDecision;
import io.hypersweep.termination.TerminationPolicy;
import io.hypersweep.termination.TrialCurve;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Planning helper: keeps trial records' curves bounded and asks the early-termination policy which
 * running trials to stop.
 *
 * <p>Merging is by step and idempotent: merging the same points again, or points re-read from the
 * start of a log after a restart, gives the same curve, so decisions do not depend on when or how
 * often logs were read.
 */
final class Curves {
  private final TerminationPolicy policy;
  private final Goal goal;

  Curves(TerminationPolicy policy, Goal goal) {
    this.policy = policy;
    this.goal = goal;
  }

  /**
   * The recorded curve with the observed points merged in (an observed step replaces the recorded
   * value, as a re-read gives the same one), reduced to what the policy needs and at most {@link
   * RecordLimits#MAX_CURVE_POINTS} points.
   */
  List<CurvePoint> merge(List<CurvePoint> recorded, List<MetricPoint> observed) {
    TreeMap<Long, Double> byStep = new TreeMap<>();
    for (CurvePoint p : recorded) {
      byStep.put(p.step, p.value);
    }
    for (MetricPoint p : observed) {
      if (Double.isFinite(p.value())) {
        byStep.put(p.step(), p.value());
      }
    }
    List<MetricPoint> all = new ArrayList<>(byStep.size());
    byStep.forEach((step, value) -> all.add(new MetricPoint(step, value)));
    List<MetricPoint> kept = new ArrayList<>(policy.pointsToKeep(goal, all));
    kept.sort((a, b) -> Long.compare(a.step(), b.step()));
    return cap(kept);
  }

  /**
   * Keeps the lowest and highest half of the steps: a rule that gives the same result whether
   * applied once to all points or again after more arrive, so a capped curve stays deterministic.
   */
  static List<CurvePoint> cap(List<MetricPoint> sorted) {
    int max = RecordLimits.MAX_CURVE_POINTS;
    List<CurvePoint> out = new ArrayList<>(Math.min(max, sorted.size()));
    int n = sorted.size();
    for (int i = 0; i < n; i++) {
      if (n <= max || i < max / 2 || i >= n - (max - max / 2)) {
        out.add(new CurvePoint(sorted.get(i).step(), sorted.get(i).value()));
      }
    }
    return out;
  }

  /** The policy's decisions over every trial that has a curve; running = Pending or Running. */
  List<StopDecision> decide(Collection<TrialRecord> records) {
    List<TrialCurve> curves = new ArrayList<>();
    for (TrialRecord rec : records) {
      if (rec.curve.isEmpty()) {
        continue;
      }
      boolean running = rec.state == TrialState.Pending || rec.state == TrialState.Running;
      List<MetricPoint> points = new ArrayList<>(rec.curve.size());
      rec.curve.forEach(p -> points.add(new MetricPoint(p.step, p.value)));
      curves.add(new TrialCurve(rec.number, running, points));
    }
    return policy.decide(goal, curves);
  }
}
