package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optional settings of Bayesian optimization with a Gaussian-process surrogate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BayesianSettings {

  /** The acquisition function that picks the next point. */
  public enum Acquisition {
    @JsonProperty("logEI")
    LOG_EI,
    @JsonProperty("ei")
    EI,
    @JsonProperty("ucb")
    UCB
  }

  @Min(1)
  @Max(1000)
  @JsonPropertyDescription(
      "Trials drawn from a scrambled Sobol design before the model is used. Default: twice the"
          + " number of parameters, at least 5.")
  public Integer initialTrials;

  @JsonPropertyDescription("logEI (default), ei or ucb.")
  public Acquisition acquisition;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "Exploration: the improvement margin xi for logEI and ei (default 0.0), the beta of ucb"
          + " (default 2.0).")
  public Double exploration;

  @Min(16)
  @Max(100000)
  @JsonPropertyDescription(
      "Random candidates scored per suggestion before local refinement. Default 2048.")
  public Integer candidates;
}
