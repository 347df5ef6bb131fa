package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Spec: how the operator collects intermediate metrics of running trials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricsSpec {

  @Default("10s")
  @Pattern(LimitsSpec.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How often running trials' logs are read for intermediate metrics while an"
          + " early-termination policy is set. Default 10s.")
  public String pollInterval;
}
