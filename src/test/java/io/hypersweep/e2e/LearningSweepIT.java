package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bayesian and TPE sweeps through the operator and the local executor learn from results. */
class LearningSweepIT {

  /** Branin, negated so the sweep maximizes; its maximum is -0.397887. */
  static double negBranin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double v = Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    return -v;
  }

  private static String manifest(String name, String sampling) {
    return Manifests.sweep(
        name,
        "{metric: score, goal: maximize}",
        "{x1: {uniform: [-5.0, 10.0]}, x2: {uniform: [0.0, 15.0]}}",
        sampling,
        "{maxTrials: 24, maxConcurrentTrials: 2}");
  }

  private static FakeTrainer branin() {
    return new FakeTrainer(
        env -> {
          double x1 = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X1"));
          double x2 = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X2"));
          return new FakeTrainer.Outcome(0, "score=" + negBranin(x1, x2), null, 5);
        });
  }

  private static void assertLearned(HyperparameterSweep done, int initial) {
    List<TrialRecord> trials = done.getStatus().trials;
    assertThat(trials).hasSize(24).allMatch(t -> t.state == TrialState.Succeeded);
    double bestInitial =
        trials.subList(0, initial).stream().mapToDouble(t -> t.objectiveValue).max().orElseThrow();
    assertThat(done.getStatus().bestTrial.number).isGreaterThan(initial);
    assertThat(done.getStatus().bestTrial.objectiveValue).isGreaterThan(bestInitial);
    for (TrialRecord t : trials) {
      assertThat(Double.parseDouble(t.parameters.get("x1"))).isBetween(-5.0, 10.0);
      assertThat(Double.parseDouble(t.parameters.get("x2"))).isBetween(0.0, 15.0);
    }
  }

  @Test
  void bayesianSweepBeatsItsInitialDesign() throws Exception {
    try (SweepHarness h = new SweepHarness(branin())) {
      h.apply(manifest("gp", "{algorithm: bayesian, seed: 3, bayesian: {initialTrials: 6}}"));
      assertLearned(h.awaitPhase("gp", SweepPhase.Succeeded), 6);
    }
  }

  @Test
  void tpeSweepBeatsItsStartupTrials() throws Exception {
    try (SweepHarness h = new SweepHarness(branin())) {
      h.apply(manifest("tpe", "{algorithm: tpe, seed: 3, tpe: {startupTrials: 8}}"));
      assertLearned(h.awaitPhase("tpe", SweepPhase.Succeeded), 8);
    }
  }
}
