package io.hypersweep.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import java.util.List;

/**
 * Contract: a pure early-termination policy, deciding which running trials to stop now.
 *
 * <p>Implementations hold only their settings, so the same input gives the same decisions, in
 * trial-number order, whatever the order of {@code trials}; a restarted operator therefore decides
 * exactly as before. A running trial is judged at the latest evaluation step (or rung) it has
 * reached, against everything reported so far; a value "at step N" is the last value reported at or
 * before N, which is how trials with missing steps are compared.
 */
public interface TerminationPolicy {

  /** The running trials to stop now, ordered by trial number; finished trials are never stopped. */
  List<StopDecision> decide(Goal goal, List<TrialCurve> trials);

  /**
   * The subset of one trial's points this policy needs: deciding on curves reduced this way gives
   * the same decisions as on the full curves, so a status can store only these.
   */
  List<MetricPoint> pointsToKeep(Goal goal, List<MetricPoint> points);

  /** The policy for the given settings. */
  static TerminationPolicy of(TerminationSettings settings) {
    if (settings instanceof BanditSettings s) {
      return new BanditPolicy(s);
    } else if (settings instanceof MedianStoppingSettings s) {
      return new MedianStoppingPolicy(s);
    } else if (settings instanceof TruncationSelectionSettings s) {
      return new TruncationSelectionPolicy(s);
    } else if (settings instanceof AshaSettings s) {
      return new AshaPolicy(s);
    }
    throw new IllegalArgumentException("unknown settings " + settings);
  }
}
