package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Spec: which early-termination policy stops unpromising running trials, and its settings. */
@ValidationRule(
    value =
        "!has(self.policy) || self.policy != 'bandit'"
            + " || (has(self.slackFactor) ? !has(self.slackAmount) : has(self.slackAmount))",
    message = "bandit needs exactly one of slackFactor and slackAmount")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EarlyTerminationSpec {

  @Default("none")
  @JsonPropertyDescription(
      "none, bandit, medianStopping, truncationSelection or asha. Default none.")
  public EarlyTerminationPolicy policy;

  @Min(value = 0, inclusive = false)
  @Max(1000)
  @JsonPropertyDescription(
      "bandit: stop a trial whose value is worse than the best one's divided (maximize) or"
          + " multiplied (minimize) by 1 + slackFactor.")
  public Double slackFactor;

  @Min(0)
  @JsonPropertyDescription(
      "bandit: stop a trial whose value is worse than the best one's by more than this amount.")
  public Double slackAmount;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription(
      "bandit, medianStopping, truncationSelection: judge trials at multiples of this step."
          + " Default 1.")
  public Integer evaluationInterval;

  @Min(0)
  @Max(1000000)
  @JsonPropertyDescription(
      "bandit, medianStopping, truncationSelection: the first step at which trials are judged."
          + " Default 0 (medianStopping: 5).")
  public Integer delayEvaluation;

  @Min(1)
  @Max(99)
  @JsonPropertyDescription(
      "truncationSelection: the worst percentage of trials stopped at each evaluation. Default"
          + " 10.")
  public Integer truncationPercentage;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("asha: the step of the first rung. Default 1.")
  public Long minResource;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription(
      "asha: trials at or beyond this step are not judged (they are done). Default: none.")
  public Long maxResource;

  @Min(2)
  @Max(100)
  @JsonPropertyDescription(
      "asha: rungs at minResource·reductionFactor^k keep the top 1/reductionFactor. Default 3.")
  public Integer reductionFactor;
}
