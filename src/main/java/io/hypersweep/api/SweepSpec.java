package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Map;

@ValidationRule(
    value =
        "!has(self.sampling) || !has(self.sampling.algorithm) || self.sampling.algorithm != 'grid'"
            + " || self.parameters.all(name, has(self.parameters[name].choice)"
            + " || has(self.parameters[name].randint) || has(self.parameters[name].quniform)"
            + " || has(self.parameters[name].qloguniform))",
    message =
        "grid needs finite value sets: use choice, randint, quniform or qloguniform for every"
            + " parameter")
/** The desired sweep: objective, search space, sampling, limits and the trial Job template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SweepSpec {

  @Required
  @JsonPropertyDescription("The metric the sweep optimizes and in which direction.")
  public ObjectiveSpec objective;

  @Required
  @Size(min = 1, max = 64)
  @ValidationRule(
      value = "self.all(name, name.matches('^[A-Za-z_][A-Za-z0-9_]{0,62}$'))",
      message = "parameter names must match [A-Za-z_][A-Za-z0-9_]* (at most 63 characters)")
  @JsonPropertyDescription(
      "The search space: parameter name to exactly one parameter expression. Names are"
          + " referenced as ${params.NAME} in the trial template.")
  public Map<String, ParameterSpec> parameters;

  @JsonPropertyDescription("How trial parameters are chosen.")
  public SamplingSpec sampling;

  @JsonPropertyDescription("When the sweep stops and how many trials run at once.")
  public LimitsSpec limits;

  @JsonPropertyDescription("Stopping unpromising trials early from their intermediate metrics.")
  public EarlyTerminationSpec earlyTermination;

  @JsonPropertyDescription("How intermediate metrics are collected.")
  public MetricsSpec metrics;

  @Required
  @ValidationRule(
      value = "!has(self.metadata) || !has(self.metadata.ownerReferences)",
      fieldPath = ".metadata.ownerReferences",
      message = "must not be set: the operator makes each trial Job owned by its sweep")
  @JsonPropertyDescription(
      "A batch/v1 Job template for one trial. ${params.NAME} is substituted in container"
          + " command, args and env values.")
  public JobTemplateSpec trialTemplate;
}
