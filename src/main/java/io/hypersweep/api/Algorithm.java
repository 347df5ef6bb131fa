package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The sampling algorithms a sweep can use. */
public enum Algorithm {
  @JsonProperty("grid")
  GRID,
  @JsonProperty("random")
  RANDOM,
  @JsonProperty("sobol")
  SOBOL,
  @JsonProperty("bayesian")
  BAYESIAN,
  @JsonProperty("tpe")
  TPE;

  /** The name users write in a manifest. */
  public String manifestName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
