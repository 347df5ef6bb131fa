package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The objective metric a sweep optimizes, its direction and an optional target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectiveSpec {

  @Required
  @Pattern(MetricNames.PATTERN)
  @JsonPropertyDescription("Name of the primary metric the trainer reports, e.g. val_accuracy.")
  public String metric;

  @Required
  @JsonPropertyDescription("maximize or minimize the metric.")
  public Goal goal;

  @JsonPropertyDescription(
      "Optional: the sweep succeeds as soon as a trial reaches this value (>= for maximize,"
          + " <= for minimize).")
  public Double target;

  @JsonPropertyDescription(
      "Optional: further metric names to record for each trial besides the objective.")
  public List<String> additionalMetrics;
}
