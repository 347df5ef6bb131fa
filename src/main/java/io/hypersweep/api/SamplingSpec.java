package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

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

  @Size(max = 5)
  @JsonPropertyDescription(
      "Names of up to 5 other sweeps in this namespace whose succeeded trials (same parameter"
          + " names and objective metric) seed the bayesian and tpe models as prior"
          + " observations. Read once, when this sweep starts, and kept in its status.")
  public List<String> warmStartFrom;

  @JsonPropertyDescription("Settings of the bayesian (Gaussian-process) sampler.")
  public BayesianSettings bayesian;

  @JsonPropertyDescription("Settings of the tpe (tree-structured Parzen estimator) sampler.")
  public TpeSettings tpe;
}
