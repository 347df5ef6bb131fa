package io.hypersweep.observe;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hypersweep.trial.TrialLabels;

/** Test fixture: the pod of one trial, labelled as the operator's Jobs label theirs. */
final class TrialPods {
  private TrialPods() {}

  /**
   * A pod of trial {@code n} of sweep {@code sweep} with one container named trainer, no status.
   */
  static PodBuilder trialPod(String namespace, String sweep, int n, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(TrialLabels.SWEEP, sweep)
        .addToLabels(TrialLabels.TRIAL, Integer.toString(n))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("trainer")
        .endContainer()
        .endSpec();
  }
}
