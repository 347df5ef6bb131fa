package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** The sampling algorithm and its seed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SamplingSpec {

  @Default("random")
  @JsonPropertyDescription("grid, random, sobol, bayesian or tpe. Default random.")
  public Algorithm algorithm;

  @Min(0)
  @JsonPropertyDescription(
      "Seed for random and sobol sampling. The same spec and seed give the same trial"
          + " parameters. Default 0.")
  public Long seed;

  @JsonPropertyDescription("Settings of the bayesian (Gaussian-process) sampler.")
  public BayesianSettings bayesian;

  @JsonPropertyDescription("Settings of the tpe (tree-structured Parzen estimator) sampler.")
  public TpeSettings tpe;
}
