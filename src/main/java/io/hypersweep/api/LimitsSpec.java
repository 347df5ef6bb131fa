package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Trial caps and time caps of a sweep. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LimitsSpec {
  /** A Go-style duration such as 90s, 20m, 2h or 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Total number of trials to start. Default 10.")
  public Integer maxTrials;

  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Trials running at the same time. Default 1.")
  public Integer maxConcurrentTrials;

  @Min(0)
  @Max(10000)
  @JsonPropertyDescription(
      "The sweep fails once more than this many trials have failed. Default 3.")
  public Integer maxFailedTrials;

  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "Wall-clock limit for the whole sweep (e.g. 2h); running trials are stopped when it"
          + " passes. Default: none.")
  public String timeout;

  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "Limit for one trial, set as the Job's activeDeadlineSeconds (e.g. 20m). Default: none.")
  public String trialTimeout;

  @Pattern(DURATION_PATTERN)
  @JsonPropertyDescription(
      "A trial whose pod has not started running this long after its Job was created (an image"
          + " that cannot be pulled, a pod that cannot be scheduled) fails with reason"
          + " PendingTimeout and its Job is deleted. Default 15m.")
  public String pendingTimeout;
}
