package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optional settings of the tree-structured Parzen estimator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TpeSettings {

  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Trials drawn from a scrambled Sobol design first. Default 10.")
  public Integer startupTrials;

  @Min(0.01)
  @Max(0.99)
  @JsonPropertyDescription(
      "Fraction of finished trials that form the good group (capped at 25 trials). Default"
          + " 0.1.")
  public Double gamma;

  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Candidates drawn from the good model per suggestion. Default 24.")
  public Integer candidates;

  @JsonPropertyDescription("Model parameters jointly (true, default) or each on its own (false).")
  public Boolean multivariate;
}
