package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The early-termination policies a sweep can use; {@code none} runs every trial to its end. */
public enum EarlyTerminationPolicy {
  @JsonProperty("none")
  NONE,
  @JsonProperty("bandit")
  BANDIT,
  @JsonProperty("medianStopping")
  MEDIAN_STOPPING,
  @JsonProperty("truncationSelection")
  TRUNCATION_SELECTION,
  @JsonProperty("asha")
  ASHA;
}
