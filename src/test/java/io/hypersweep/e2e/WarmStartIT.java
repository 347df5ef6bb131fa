package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepPhase;
import org.junit.jupiter.api.Test;

/** Warm start reads the source sweeps once and keeps their trials in the status. */
class WarmStartIT {

  private static String warmStarted(String name, String sources) {
    return SweepLifecycleIT.manifest(name, "")
        .replace(
            "sampling: {algorithm: random, seed: 11}",
            "sampling: {algorithm: random, seed: 11, warmStartFrom: " + sources + "}");
  }

  @Test
  void priorsComeFromTheSourceSweepAndStayWhenItIsDeleted() throws Exception {
    try (SweepHarness h = new SweepHarness(SweepLifecycleIT.scoreIsX(0))) {
      HyperparameterSweep source = h.apply(SweepLifecycleIT.manifest("source", ""));
      HyperparameterSweep sourceDone = h.awaitPhase("source", SweepPhase.Succeeded);

      h.apply(warmStarted("warm", "[source]"));
      HyperparameterSweep warm = h.awaitPhase("warm", SweepPhase.Succeeded);
      assertThat(warm.getStatus().warmStart).hasSize(8);
      assertThat(warm.getStatus().trials).hasSize(8);
      PriorTrial first = warm.getStatus().warmStart.get(0);
      assertThat(first.sweep).isEqualTo("source");
      assertThat(first.parameters).isEqualTo(sourceDone.getStatus().trials.get(0).parameters);
      assertThat(first.objectiveValue)
          .isEqualTo(sourceDone.getStatus().trials.get(0).objectiveValue);

      h.client().resource(source).delete();
      HyperparameterSweep resumed = h.get("warm");
      resumed.getSpec().limits.maxTrials = 10;
      h.client().resource(resumed).update();
      HyperparameterSweep again = h.awaitPhase("warm", SweepPhase.Succeeded);
      org.awaitility.Awaitility.await().until(() -> h.get("warm").getStatus().trials.size() == 10);
      assertThat(h.get("warm").getStatus().warmStart).isEqualTo(warm.getStatus().warmStart);
      assertThat(again.getStatus().phase).isEqualTo(SweepPhase.Succeeded);
    }
  }

  @Test
  void aMissingSourceIsAConditionNamingTheField() throws Exception {
    try (SweepHarness h = new SweepHarness(SweepLifecycleIT.scoreIsX(0))) {
      h.apply(warmStarted("orphan", "[nowhere]"));
      HyperparameterSweep invalid = h.awaitPhase("orphan", SweepPhase.Invalid);
      assertThat(invalid.getStatus().message)
          .contains("spec.sampling.warmStartFrom[0]")
          .contains("nowhere");
      assertThat(h.jobs("orphan")).isEmpty();
    }
  }
}
