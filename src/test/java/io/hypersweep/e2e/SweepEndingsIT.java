package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each way a sweep ends: target, failure cap, timeout, exhausted grid, trial timeout. */
class SweepEndingsIT {

  private static String sweep(
      String name, String objective, String params, String sampling, String limits) {
    return Manifests.sweep(name, objective, params, sampling, limits);
  }

  @Test
  void targetReachedStopsRunningTrials() throws Exception {
    // score = x; trials with x >= 0.5 reach the target fast, others run long.
    FakeTrainer trainer =
        new FakeTrainer(
            env -> {
              double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
              return new FakeTrainer.Outcome(0, "", "score=" + x, x >= 0.5 ? 50 : 30_000);
            });
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          sweep(
              "target",
              "{metric: score, goal: maximize, target: 0.5}",
              "{x: {uniform: [0.0, 1.0]}}",
              "{algorithm: sobol, seed: 1}",
              "{maxTrials: 20, maxConcurrentTrials: 4}"));
      HyperparameterSweep done = h.awaitPhase("target", SweepPhase.Succeeded);
      assertThat(done.getStatus().phaseReason()).isEqualTo("TargetReached");
      assertThat(done.getStatus().bestTrial.objectiveValue).isGreaterThanOrEqualTo(0.5);
      assertThat(done.getStatus().trials).anyMatch(t -> t.state == TrialState.Stopped);
      assertThat(done.getStatus().trials)
          .noneMatch(t -> t.state == TrialState.Running || t.state == TrialState.Pending);
      Set<String> stopped = new HashSet<>();
      done.getStatus().trials.stream()
          .filter(t -> t.state == TrialState.Stopped)
          .forEach(t -> stopped.add(t.name));
      assertThat(h.jobs("target")).noneMatch(j -> stopped.contains(j.getMetadata().getName()));
    }
  }

  @Test
  void tooManyFailuresFailTheSweep() throws Exception {
    FakeTrainer trainer = new FakeTrainer(env -> new FakeTrainer.Outcome(3, "boom", null, 10));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          sweep(
              "failing",
              "{metric: score, goal: maximize}",
              "{x: {uniform: [0.0, 1.0]}}",
              "{algorithm: random}",
              "{maxTrials: 10, maxConcurrentTrials: 1, maxFailedTrials: 2}"));
      HyperparameterSweep done = h.awaitPhase("failing", SweepPhase.Failed);
      assertThat(done.getStatus().phaseReason()).isEqualTo("MaxFailedTrialsExceeded");
      assertThat(done.getStatus().trialCounts.failed).isEqualTo(3);
      assertThat(done.getStatus().trials).hasSize(3);
      assertThat(done.getStatus().trials.get(0).reason).isEqualTo("Error");
      assertThat(done.getStatus().trials.get(0).message).contains("code 3");
    }
  }

  @Test
  void sweepTimeoutEndsTheSweepAndStopsTrials() throws Exception {
    FakeTrainer trainer = new FakeTrainer(env -> new FakeTrainer.Outcome(0, "", "score=1", 60_000));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          sweep(
              "timeout",
              "{metric: score, goal: maximize}",
              "{x: {uniform: [0.0, 1.0]}}",
              "{algorithm: random}",
              "{maxTrials: 5, maxConcurrentTrials: 2, timeout: 2s}"));
      HyperparameterSweep done = h.awaitPhase("timeout", SweepPhase.Failed);
      assertThat(done.getStatus().phaseReason()).isEqualTo("TimeoutReached");
      assertThat(done.getStatus().trials).hasSize(2).allMatch(t -> t.state == TrialState.Stopped);
      assertThat(h.jobs("timeout")).isEmpty();
    }
  }

  @Test
  void gridCoversEveryPointExactlyOnce() throws Exception {
    FakeTrainer trainer = new FakeTrainer(env -> FakeTrainer.Outcome.succeed("score=1"));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          sweep(
              "grid",
              "{metric: score, goal: maximize}",
              "{x: {choice: [a, b, c]}, y: {randint: [0, 2]}, z: {quniform: [0.1, 0.3, 0.1]}}",
              "{algorithm: grid}",
              "{maxTrials: 100, maxConcurrentTrials: 5}"));
      HyperparameterSweep done = h.awaitPhase("grid", SweepPhase.Succeeded);
      assertThat(done.getStatus().phaseReason()).isEqualTo("SearchSpaceExhausted");
      List<String> points =
          done.getStatus().trials.stream()
              .map(
                  t ->
                      t.parameters.get("x")
                          + "/"
                          + t.parameters.get("y")
                          + "/"
                          + t.parameters.get("z"))
              .toList();
      assertThat(points).hasSize(18).doesNotHaveDuplicates();
      assertThat(points).contains("a/0/0.1", "c/1/0.3", "b/1/0.2");
    }
  }

  @Test
  void trialTimeoutIsSetOnJobsAndFailsSlowTrials() throws Exception {
    FakeTrainer trainer = new FakeTrainer(env -> new FakeTrainer.Outcome(0, "", "score=1", 60_000));
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(
          sweep(
              "slow",
              "{metric: score, goal: maximize}",
              "{x: {uniform: [0.0, 1.0]}}",
              "{algorithm: random}",
              "{maxTrials: 1, maxConcurrentTrials: 1, trialTimeout: 1s}"));
      HyperparameterSweep done = h.awaitPhase("slow", SweepPhase.Failed);
      assertThat(h.jobs("slow"))
          .singleElement()
          .satisfies(j -> assertThat(j.getSpec().getActiveDeadlineSeconds()).isEqualTo(1L));
      assertThat(done.getStatus().trials.get(0).reason).isEqualTo("TrialTimeout");
      assertThat(done.getStatus().phaseReason()).isEqualTo("NoSuccessfulTrial");
    }
  }
}
