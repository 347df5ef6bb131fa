package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** Metrics from log lines and termination messages, and the best trial for minimize. */
class MetricsIT {

  private static String minimizeLoss(String name) {
    return Manifests.sweep(
        name,
        "{metric: loss, goal: minimize}",
        "{x: {uniform: [-1.0, 1.0]}}",
        "{algorithm: sobol, seed: 5}",
        "{maxTrials: 6, maxConcurrentTrials: 2}");
  }

  @Test
  void metricsFromLogLinesWhenThereIsNoTerminationMessage() throws Exception {
    // loss = x^2, printed per epoch; the last report is the final value.
    FakeTrainer trainer =
        new FakeTrainer(
            env -> {
              double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
              String log =
                  "starting\nepoch=1 loss=9.0 acc=0.1\nnoise line = here\nepoch=2 loss="
                      + (x * x)
                      + " acc=0.5\n";
              return new FakeTrainer.Outcome(0, log, null, 20);
            });
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(minimizeLoss("logs"));
      HyperparameterSweep done = h.awaitPhase("logs", SweepPhase.Succeeded);
      for (TrialRecord t : done.getStatus().trials) {
        double x = Double.parseDouble(t.parameters.get("x"));
        assertThat(t.objectiveValue).isCloseTo(x * x, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.metrics).containsEntry("acc", 0.5);
      }
      TrialRecord lowest =
          done.getStatus().trials.stream()
              .min(Comparator.comparingDouble(t -> t.objectiveValue))
              .orElseThrow();
      assertThat(done.getStatus().bestTrial.number).isEqualTo(lowest.number);
    }
  }

  @Test
  void terminationMessageAsJsonWinsOverTheLog() throws Exception {
    FakeTrainer trainer =
        new FakeTrainer(env -> new FakeTrainer.Outcome(0, "loss=100", "{\"loss\": 0.25}", 10));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(minimizeLoss("json"));
      HyperparameterSweep done = h.awaitPhase("json", SweepPhase.Succeeded);
      assertThat(done.getStatus().trials).allMatch(t -> t.objectiveValue == 0.25);
    }
  }

  @Test
  void missingOrGarbageMetricsFailTheTrialWithAReason() throws Exception {
    FakeTrainer trainer =
        new FakeTrainer(
            env ->
                "1".equals(env.get("HYPERSWEEP_TRIAL_NUMBER"))
                    ? new FakeTrainer.Outcome(0, "all done, no metrics", null, 10)
                    : new FakeTrainer.Outcome(0, "", "loss=banana", 10));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(minimizeLoss("garbage"));
      HyperparameterSweep done = h.awaitPhase("garbage", SweepPhase.Failed);
      TrialRecord first = done.getStatus().trials.get(0);
      assertThat(first.reason).isEqualTo("MissingObjective");
      assertThat(first.message).contains("loss");
      assertThat(done.getStatus().trials.get(1).reason).isEqualTo("UnparseableTerminationMessage");
    }
  }
}
