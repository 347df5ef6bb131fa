package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.argocd.HealthScript;
import io.hypersweep.argocd.HealthScript.Health;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * docs/argocd-health.lua on sweeps the operator ran against the test server, one per phase. The
 * objects it judged are written to target/argocd-samples/ for inspection.
 */
class ArgoHealthIT {

  /** "slow" trials run until the test ends, "broken" ones exit 1, others report score = x. */
  private static FakeTrainer trainer() {
    return new FakeTrainer(
        env ->
            switch (env.get("HYPERSWEEP_SWEEP_NAME")) {
              case "slow" -> new FakeTrainer.Outcome(0, "", "score=0.5", 120_000);
              case "broken" -> new FakeTrainer.Outcome(1, "boom", "", 0);
              default -> FakeTrainer.Outcome.succeed("score=" + env.get("HYPERSWEEP_PARAM_X"));
            });
  }

  private static String manifest(String name, String params, String limits) {
    return Manifests.sweep(
        name, "{metric: score, goal: maximize}", params, "{algorithm: random, seed: 3}", limits);
  }

  private static final String X = "{x: {uniform: [0.0, 1.0]}}";

  private static Health judge(HyperparameterSweep sweep) throws Exception {
    Path dir = Path.of("target/argocd-samples");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(sweep.getMetadata().getName() + ".yaml"), Serialization.asYaml(sweep));
    return HealthScript.of(sweep);
  }

  @Test
  void eachPhaseMapsToItsHealth() throws Exception {
    try (SweepHarness h = new SweepHarness(trainer())) {
      h.apply(manifest("done", X, "{maxTrials: 3, maxConcurrentTrials: 3}"));
      h.apply(manifest("broken", X, "{maxTrials: 3, maxConcurrentTrials: 1, maxFailedTrials: 0}"));
      h.apply(manifest("slow", X, "{maxTrials: 2, maxConcurrentTrials: 1}"));
      h.apply(manifest("bad", "{x: {uniform: [1.0, 0.0]}}", "{maxTrials: 3}"));

      HyperparameterSweep done = h.awaitPhase("done", SweepPhase.Succeeded);
      Health healthy = judge(done);
      assertThat(healthy.status()).isEqualTo("Healthy");
      assertThat(healthy.message())
          .startsWith(
              "MaxTrialsReached: 3 trials ran; best is trial " + done.getStatus().bestTrial.number);

      Health degraded = judge(h.awaitPhase("broken", SweepPhase.Failed));
      assertThat(degraded.status()).isEqualTo("Degraded");
      assertThat(degraded.message())
          .isEqualTo("MaxFailedTrialsExceeded: 1 trials failed, more than maxFailedTrials=0");

      Health invalid = judge(h.awaitPhase("bad", SweepPhase.Invalid));
      assertThat(invalid.status()).isEqualTo("Degraded");
      assertThat(invalid.message()).startsWith("InvalidSpec: spec.parameters.x.uniform");

      HyperparameterSweep slow = h.awaitPhase("slow", SweepPhase.Running);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.get("slow").getStatus().trialCounts.running == 1);
      assertThat(judge(h.get("slow")))
          .isEqualTo(new Health("Progressing", "TrialsRunning: progress 0/2"));
      assertThat(slow.getStatus().observedGeneration).isEqualTo(slow.getMetadata().getGeneration());

      // A sync that raises the budget of the finished sweep: Progressing until the operator has
      // seen the new generation, then Healthy again with all trials.
      HyperparameterSweep edit = h.get("done");
      edit.getSpec().limits.maxTrials = 5;
      HyperparameterSweep synced = h.client().resource(edit).update();
      if (synced.getStatus().observedGeneration < synced.getMetadata().getGeneration()) {
        assertThat(HealthScript.of(synced).status()).isEqualTo("Progressing");
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  h.get("done").getStatus().trials.size() == 5
                      && h.get("done").getStatus().phase == SweepPhase.Succeeded);
      assertThat(judge(h.get("done")).message()).startsWith("MaxTrialsReached: 5 trials ran");
    }
  }
}
