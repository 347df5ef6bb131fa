package io.hypersweep.termination;

/**
 * Settings of the median-stopping policy.
 *
 * @param evaluationInterval judge at multiples of this step, default 1
 * @param delayEvaluation first step that may be judged, default 5
 * @param minTrials other trials that must have reached the step before any is stopped, default 3
 */
public record MedianStoppingSettings(int evaluationInterval, int delayEvaluation, int minTrials)
    implements TerminationSettings {

  public MedianStoppingSettings {
    Steps.check(evaluationInterval, delayEvaluation);
    if (minTrials < 1) {
      throw new IllegalArgumentException("minTrials must be >= 1, got " + minTrials);
    }
  }

  /** Interval 1, delay 5, three other trials: HyperDrive's conservative setting. */
  public static MedianStoppingSettings defaults() {
    return new MedianStoppingSettings(1, 5, 3);
  }
}
