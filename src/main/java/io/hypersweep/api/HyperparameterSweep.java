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

  @Override
  protected SweepStatus initStatus() {
    return new SweepStatus();
  }
}
