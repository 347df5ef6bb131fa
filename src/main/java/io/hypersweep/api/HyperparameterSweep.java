package io.hypersweep.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The HyperparameterSweep custom resource: one sweep of trials over a search space. */
@Group("hypersweep.io")
@Version("v1alpha1")
@Plural("hyperparametersweeps")
@ShortNames({"hps", "sweep"})
@ValidationRule(
    value = "size(self.metadata.name) <= 50",
    message = "metadata.name must be at most 50 characters: trial Job names add a suffix to it")
// Transition rules: the API server evaluates them on updates only. They apply once the operator
// has recorded status.startTime (the first trial started), so a sweep that never ran can still be
// fixed. Recorded results are only comparable within one search space, objective and sampler.
@ValidationRule(
    value = HyperparameterSweep.NOT_STARTED + " || self.spec.parameters == oldSelf.spec.parameters",
    fieldPath = ".spec.parameters",
    reason = "FieldValueForbidden",
    message =
        "spec.parameters cannot change once the sweep has started trials; create a new sweep"
            + " instead")
@ValidationRule(
    value =
        HyperparameterSweep.NOT_STARTED
            + " || self.spec.objective.metric == oldSelf.spec.objective.metric"
            + " && self.spec.objective.goal == oldSelf.spec.objective.goal",
    fieldPath = ".spec.objective",
    reason = "FieldValueForbidden",
    message =
        "spec.objective.metric and goal cannot change once the sweep has started trials; create"
            + " a new sweep instead")
@ValidationRule(
    value =
        HyperparameterSweep.NOT_STARTED
            + " || (has(self.spec.sampling) && has(self.spec.sampling.algorithm)"
            + " ? self.spec.sampling.algorithm : 'random')"
            + " == (has(oldSelf.spec.sampling) && has(oldSelf.spec.sampling.algorithm)"
            + " ? oldSelf.spec.sampling.algorithm : 'random')"
            + " && (has(self.spec.sampling) && has(self.spec.sampling.seed)"
            + " ? self.spec.sampling.seed : 0)"
            + " == (has(oldSelf.spec.sampling) && has(oldSelf.spec.sampling.seed)"
            + " ? oldSelf.spec.sampling.seed : 0)",
    fieldPath = ".spec.sampling",
    reason = "FieldValueForbidden",
    message =
        "spec.sampling.algorithm and seed cannot change once the sweep has started trials;"
            + " create a new sweep instead")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress")
@AdditionalPrinterColumn(
    name = "Best",
    jsonPath = ".status.bestTrial.objectiveValue",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Algorithm", jsonPath = ".spec.sampling.algorithm", priority = 1)
@AdditionalPrinterColumn(name = "Policy", jsonPath = ".spec.earlyTermination.policy", priority = 1)
public class HyperparameterSweep extends CustomResource<SweepSpec, SweepStatus>
    implements Namespaced {
  /** CEL: the stored sweep has not started a trial yet, so its search may still be edited. */
  static final String NOT_STARTED = "!has(oldSelf.status) || !has(oldSelf.status.startTime)";

  @Override
  protected SweepStatus initStatus() {
    return new SweepStatus();
  }
}
