package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole sweep against the test server: Jobs, metrics, limits and the best trial. */
class SweepLifecycleIT {

  static String manifest(String name, String extraLimits) {
    return """
        apiVersion: hypersweep.io/v1alpha1
        kind: HyperparameterSweep
        metadata:
          name: %s
        spec:
          objective: {metric: score, goal: maximize}
          parameters:
            x: {uniform: [0.0, 1.0]}
            depth: {choice: [2, 4, 8]}
          sampling: {algorithm: random, seed: 11}
          limits: {maxTrials: 8, maxConcurrentTrials: 3%s}
          trialTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: trainer
                    image: example/trainer:1
                    command: ["train"]
                    args: ["--x=${params.x}", "--depth=${params.depth}"]
        """
        .formatted(name, extraLimits);
  }

  /** score = x, reported in the termination message. */
  static FakeTrainer scoreIsX(long millis) {
    return new FakeTrainer(
        env ->
            new FakeTrainer.Outcome(
                0, "epoch=1 score=0.1", "score=" + env.get("HYPERSWEEP_PARAM_X"), millis));
  }

  @Test
  void runsExactlyMaxTrialsWithinConcurrencyAndFindsTheBest() throws Exception {
    try (SweepHarness h = new SweepHarness(scoreIsX(500))) {
      h.apply(manifest("lifecycle", ""));
      HyperparameterSweep done = h.awaitPhase("lifecycle", SweepPhase.Succeeded);

      assertThat(done.getStatus().trials).hasSize(8);
      assertThat(done.getStatus().trials).allMatch(t -> t.state == TrialState.Succeeded);
      assertThat(h.maxActiveJobs("lifecycle")).isEqualTo(3);
      assertThat(h.trainer.maxConcurrent()).isLessThanOrEqualTo(3);
      assertThat(h.jobs("lifecycle")).hasSize(8);
      TrialRecord best =
          done.getStatus().trials.stream()
              .max(java.util.Comparator.comparingDouble(t -> t.objectiveValue))
              .orElseThrow();
      assertThat(done.getStatus().bestTrial.number).isEqualTo(best.number);
      assertThat(done.getStatus().bestTrial.objectiveValue)
          .isEqualTo(Double.parseDouble(best.parameters.get("x")));
      assertThat(done.getStatus().phaseReason()).isEqualTo("MaxTrialsReached");
      assertThat(done.getStatus().progress).isEqualTo("8/8");
    }
  }

  @Test
  void parametersReachTheContainerThroughSubstitutionAndEnv() throws Exception {
    try (SweepHarness h = new SweepHarness(scoreIsX(0))) {
      h.apply(manifest("params", ""));
      HyperparameterSweep done = h.awaitPhase("params", SweepPhase.Succeeded);
      TrialRecord first = done.getStatus().trials.get(0);
      var job =
          h.jobs("params").stream()
              .filter(j -> j.getMetadata().getName().equals("params-1"))
              .findFirst()
              .orElseThrow();
      var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getArgs())
          .containsExactly(
              "--x=" + first.parameters.get("x"), "--depth=" + first.parameters.get("depth"));
      Map<String, String> env =
          h.trainer.environments().stream()
              .filter(e -> "1".equals(e.get("HYPERSWEEP_TRIAL_NUMBER")))
              .findFirst()
              .orElseThrow();
      assertThat(env.get("HYPERSWEEP_PARAM_X")).isEqualTo(first.parameters.get("x"));
      assertThat(env.get("HYPERSWEEP_PARAM_DEPTH")).isEqualTo(first.parameters.get("depth"));
      assertThat(env.get("HYPERSWEEP_PARAMS"))
          .contains("\"depth\":\"" + first.parameters.get("depth") + "\"");
      assertThat(job.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid());
                assertThat(o.getController()).isTrue();
              });
    }
  }
}
