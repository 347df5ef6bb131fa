package io.hypersweep.termination;

/**
 * Settings of the bandit policy: exactly one of {@code slackFactor} and {@code slackAmount}.
 *
 * @param slackFactor relative slack, &gt; 0, or null
 * @param slackAmount absolute slack, &ge; 0, or null
 * @param evaluationInterval judge at multiples of this step, default 1
 * @param delayEvaluation first step that may be judged, default 0
 */
public record BanditSettings(
    Double slackFactor, Double slackAmount, int evaluationInterval, int delayEvaluation)
    implements TerminationSettings {

  public BanditSettings {
    if ((slackFactor == null) == (slackAmount == null)) {
      throw new IllegalArgumentException("bandit needs exactly one of slackFactor, slackAmount");
    }
    if (slackFactor != null && !(slackFactor > 0 && Double.isFinite(slackFactor))) {
      throw new IllegalArgumentException("slackFactor must be > 0, got " + slackFactor);
    }
    if (slackAmount != null && !(slackAmount >= 0 && Double.isFinite(slackAmount))) {
      throw new IllegalArgumentException("slackAmount must be >= 0, got " + slackAmount);
    }
    Steps.check(evaluationInterval, delayEvaluation);
  }

  /** Relative slack with the default interval 1 and delay 0. */
  public static BanditSettings factor(double slackFactor) {
    return new BanditSettings(slackFactor, null, 1, 0);
  }

  /** Absolute slack with the default interval 1 and delay 0. */
  public static BanditSettings amount(double slackAmount) {
    return new BanditSettings(null, slackAmount, 1, 0);
  }

  public BanditSettings withSchedule(int evaluationInterval, int delayEvaluation) {
    return new BanditSettings(slackFactor, slackAmount, evaluationInterval, delayEvaluation);
  }
}
