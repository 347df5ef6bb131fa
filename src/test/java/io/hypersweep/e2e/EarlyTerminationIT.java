package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Early termination end to end: live metric lines read from running pods' logs, bad trials stopped
 * by median stopping, their Jobs deleted, and the same best trial as without a policy.
 */
class EarlyTerminationIT {
  static final int STEPS = 60;

  static String manifest(String name, String earlyTermination) {
    return Manifests.sweep(
        name,
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}}",
        "{algorithm: random, seed: 11}",
        "{maxTrials: 8, maxConcurrentTrials: 4}",
        earlyTermination + "\n  metrics: {pollInterval: 200ms}");
  }

  /** score at step s = x · (0.5 + s / 2·STEPS): a trial's rank never changes along its curve. */
  static FakeTrainer learningCurves() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          List<String> lines = new ArrayList<>();
          for (int s = 1; s <= STEPS; s++) {
            lines.add(String.format(Locale.ROOT, "step=%d score=%.6f", s, score(x, s)));
          }
          return FakeTrainer.Outcome.printing(
              lines, 50, String.format(Locale.ROOT, "score=%.6f", score(x, STEPS)));
        });
  }

  static double score(double x, int step) {
    return x * (0.5 + step / (2.0 * STEPS));
  }

  @Test
  void medianStoppingStopsBadTrialsAndKeepsTheBest() throws Exception {
    try (SweepHarness h = new SweepHarness(learningCurves())) {
      h.apply(manifest("es-none", ""));
      h.apply(
          manifest(
              "es-median",
              "earlyTermination: {policy: medianStopping, evaluationInterval: 5,"
                  + " delayEvaluation: 20}"));
      HyperparameterSweep plain = h.awaitPhase("es-none", SweepPhase.Succeeded);
      HyperparameterSweep stopped = h.awaitPhase("es-median", SweepPhase.Succeeded);

      assertThat(plain.getStatus().trials).allMatch(t -> t.state == TrialState.Succeeded);
      List<TrialRecord> early =
          stopped.getStatus().trials.stream()
              .filter(t -> t.state == TrialState.EarlyStopped)
              .toList();
      assertThat(early).isNotEmpty();
      assertThat(stopped.getStatus().trialCounts.earlyStopped).isEqualTo(early.size());
      assertThat(stopped.getStatus().progress).isEqualTo("8/8");
      for (TrialRecord t : early) {
        assertThat(t.reason).isEqualTo("EarlyStopped");
        assertThat(t.message).startsWith("medianStopping:");
        assertThat(t.stoppedAtStep).isGreaterThanOrEqualTo(20L);
        assertThat(t.curve).isNotEmpty();
        assertThat(t.objectiveValue).isNull();
      }
      // Stops are recorded first and their Jobs deleted right after, so wait for the last delete.
      List<String> stoppedJobs = early.stream().map(t -> t.name).toList();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          h.jobs("es-median").stream().map(j -> j.getMetadata().getName()).toList())
                      .doesNotContainAnyElementsOf(stoppedJobs));

      assertThat(stopped.getStatus().bestTrial.number)
          .isEqualTo(plain.getStatus().bestTrial.number);
      assertThat(stopped.getStatus().bestTrial.objectiveValue)
          .isEqualTo(plain.getStatus().bestTrial.objectiveValue);
      assertThat(stopped.getStatus().trialSecondsSaved).isPositive();
      assertThat(plain.getStatus().trialSecondsSaved).isZero();
    }
  }
}
