package io.hypersweep.termination;

/**
 * Settings of the truncation-selection policy.
 *
 * @param truncationPercentage the worst percentage stopped at each evaluation, 1–99, default 10
 * @param evaluationInterval judge at multiples of this step, default 1
 * @param delayEvaluation first step that may be judged, default 0
 * @param minTrials trials (this one included) that must have reached the step, default 3
 */
public record TruncationSelectionSettings(
    int truncationPercentage, int evaluationInterval, int delayEvaluation, int minTrials)
    implements TerminationSettings {

  public TruncationSelectionSettings {
    if (truncationPercentage < 1 || truncationPercentage > 99) {
      throw new IllegalArgumentException(
          "truncationPercentage must be 1-99, got " + truncationPercentage);
    }
    Steps.check(evaluationInterval, delayEvaluation);
    if (minTrials < 1) {
      throw new IllegalArgumentException("minTrials must be >= 1, got " + minTrials);
    }
  }

  public static TruncationSelectionSettings defaults() {
    return new TruncationSelectionSettings(10, 1, 0, 3);
  }
}
