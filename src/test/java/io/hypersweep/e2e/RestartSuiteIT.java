package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The restart suite: a 100-trial sweep whose operator is stopped and started again at 20 seeded
 * random moments loses no result, duplicates no trial and ends with the same best trial as an
 * uninterrupted run. Writes its figures to target/bench/reliability-restart.json.
 */
class RestartSuiteIT {
  private static final int TRIALS = 100;
  private static final int RESTARTS = 20;

  private static String manifest() {
    return Manifests.sweep(
        "restarts",
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}, y: {loguniform: [0.001, 1.0]}}",
        "{algorithm: sobol, seed: 42}",
        "{maxTrials: " + TRIALS + ", maxConcurrentTrials: 5}");
  }

  /** Deterministic score and run time from the parameters, so both runs see the same results. */
  private static FakeTrainer trainer() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          double y = Double.parseDouble(env.get("HYPERSWEEP_PARAM_Y"));
          double score = -(x - 0.3) * (x - 0.3) - Math.log10(y) * Math.log10(y) / 10;
          long millis = 20 + (long) (x * 80);
          return new FakeTrainer.Outcome(0, "", "score=" + score, millis);
        });
  }

  @Test
  void restartsLoseNothingDuplicateNothingAndKeepTheBest() throws Exception {
    HyperparameterSweep reference;
    try (SweepHarness h = new SweepHarness(trainer())) {
      h.apply(manifest());
      reference = h.awaitPhase("restarts", SweepPhase.Succeeded);
    }

    SplittableRandom random = new SplittableRandom(7);
    FakeTrainer trainer = trainer();
    try (SweepHarness h = new SweepHarness(trainer)) {
      h.apply(manifest());
      int killPoints = 0;
      for (int i = 0; i < RESTARTS; i++) {
        Thread.sleep(50 + random.nextInt(250));
        h.stopOperator();
        killPoints++;
        Thread.sleep(random.nextInt(150));
        h.startOperator();
      }
      HyperparameterSweep done = h.awaitPhase("restarts", SweepPhase.Succeeded);

      int duplicates = trainer.environments().size() - TRIALS;
      long lost =
          done.getStatus().trials.stream()
              .filter(t -> t.state != TrialState.Succeeded || t.objectiveValue == null)
              .count();
      boolean sameBest =
          done.getStatus().bestTrial.number == reference.getStatus().bestTrial.number
              && done.getStatus()
                  .bestTrial
                  .objectiveValue
                  .equals(reference.getStatus().bestTrial.objectiveValue);
      writeFigures(killPoints, duplicates, lost, sameBest);
      done.getStatus().trials.stream()
          .filter(t -> t.state != TrialState.Succeeded)
          .forEach(
              t ->
                  System.out.println(
                      "not succeeded: "
                          + t.number
                          + " "
                          + t.state
                          + " "
                          + t.reason
                          + " "
                          + t.message));

      assertThat(done.getStatus().trials).hasSize(TRIALS);
      assertThat(h.jobs("restarts")).hasSize(TRIALS);
      assertThat(duplicates).as("trials run more than once").isZero();
      assertThat(lost).as("trials without a recorded result").isZero();
      assertThat(parameters(done)).isEqualTo(parameters(reference));
      assertThat(sameBest).as("best trial equal to the uninterrupted run").isTrue();
    }
  }

  private static Map<Integer, Map<String, String>> parameters(HyperparameterSweep sweep) {
    return sweep.getStatus().trials.stream()
        .collect(Collectors.toMap(t -> t.number, (TrialRecord t) -> t.parameters));
  }

  private static void writeFigures(int killPoints, int duplicates, long lost, boolean sameBest)
      throws Exception {
    Path out = Path.of("target", "bench", "reliability-restart.json");
    Files.createDirectories(out.getParent());
    String json =
        "{\"suite\":\"restart\",\"trials\":%d,\"concurrency\":5,\"kill_points\":%d,"
                .formatted(TRIALS, killPoints)
            + "\"duplicate_trials\":%d,\"lost_results\":%d,\"best_equal_to_uninterrupted\":%s}\n"
                .formatted(duplicates, lost, sameBest);
    Files.writeString(out, json);
    System.out.print("restart suite: " + json);
  }
}
