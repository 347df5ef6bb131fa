package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Map;

/** The desired sweep: objective, search space, sampling, limits and the trial Job template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SweepSpec {

  @Required
  @JsonPropertyDescription("The metric the sweep optimizes and in which direction.")
  public ObjectiveSpec objective;

  @Required
  @Size(min = 1, max = 64)
  @JsonPropertyDescription(
      "The search space: parameter name to exactly one parameter expression. Names are"
          + " referenced as ${params.NAME} in the trial template.")
  public Map<String, ParameterSpec> parameters;

  @JsonPropertyDescription("How trial parameters are chosen.")
  public SamplingSpec sampling;

  @JsonPropertyDescription("When the sweep stops and how many trials run at once.")
  public LimitsSpec limits;

  @Required
  @JsonPropertyDescription(
      "A batch/v1 Job template for one trial. ${params.NAME} is substituted in container"
          + " command, args and env values.")
  public JobTemplateSpec trialTemplate;
}
