package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialState;
import io.hypersweep.local.FaultInjector;
import io.hypersweep.local.FaultInjector.Kind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API-fault suite: the operator's requests to the API server fail at a seeded rate (500, 409,
 * 429 with Retry-After, unreadable answers before or after the server acted, 5 s delays) and its
 * watches are cut every few seconds, yet the sweep succeeds with every trial run exactly once,
 * every result recorded and the best trial of a fault-free run. The trial runner's own requests (it
 * plays kubelet and Job controller) are never faulted. Writes target/bench/reliability-faults.json.
 */
class ApiFaultSuiteIT {
  private static final boolean FULL = ReliabilityFigures.full();
  private static final int TRIALS = FULL ? 120 : 40;
  private static final int CONCURRENCY = FULL ? 6 : 4;
  private static final double RATE = 0.15;

  private static String manifest() {
    return Manifests.sweep(
        "faults",
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}, y: {loguniform: [0.001, 1.0]}}",
        "{algorithm: sobol, seed: 5}",
        "{maxTrials: " + TRIALS + ", maxConcurrentTrials: " + CONCURRENCY + "}");
  }

  /** Score and run time are functions of the parameters, so both runs see the same results. */
  private static FakeTrainer trainer() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          double y = Double.parseDouble(env.get("HYPERSWEEP_PARAM_Y"));
          double score = -(x - 0.6) * (x - 0.6) - Math.log10(y) * Math.log10(y) / 10;
          return new FakeTrainer.Outcome(0, "", "score=" + score, 50 + (long) (x * 250));
        });
  }

  @Test
  void faultsLoseNothingDuplicateNothingAndKeepTheBest() throws Exception {
    HyperparameterSweep reference;
    try (SweepHarness h = new SweepHarness(trainer())) {
      h.apply(manifest());
      reference =
          h.withArchive(h.awaitPhase("faults", SweepPhase.Succeeded, Duration.ofSeconds(120)));
    }

    FaultInjector faults =
        FaultInjector.with(
            new FaultInjector.Settings(
                20241, RATE, 0.03, Duration.ofSeconds(5), Duration.ofMillis(1500)));
    FakeTrainer trainer = trainer();
    long started = System.nanoTime();
    try (SweepHarness h = new SweepHarness(trainer, faults)) {
      h.apply(manifest());
      HyperparameterSweep done =
          h.withArchive(h.awaitFinal("faults", Duration.ofMinutes(FULL ? 10 : 3)));
      double seconds = (System.nanoTime() - started) / 1e9;

      Map<Kind, Long> injected = faults.faults();
      long requestFaults =
          injected.get(Kind.STATUS_500)
              + injected.get(Kind.CONFLICT_409)
              + injected.get(Kind.THROTTLE_429)
              + injected.get(Kind.DROPPED)
              + injected.get(Kind.DELAYED);
      int duplicates = ReliabilityFigures.duplicates(trainer, done);
      long lost = ReliabilityFigures.lost(done, Set.of(TrialState.Succeeded));
      boolean sameBest = ReliabilityFigures.sameBest(done, reference);

      Map<String, Object> faultsByKind = new LinkedHashMap<>();
      faultsByKind.put("status500", injected.get(Kind.STATUS_500));
      faultsByKind.put("conflict409", injected.get(Kind.CONFLICT_409));
      faultsByKind.put("throttle429", injected.get(Kind.THROTTLE_429));
      faultsByKind.put("dropped", injected.get(Kind.DROPPED));
      faultsByKind.put("delayed", injected.get(Kind.DELAYED));
      faultsByKind.put("watchDrops", injected.get(Kind.WATCH_DROP));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("suite", "faults");
      figures.put("size", FULL ? "full" : "ci");
      figures.put("requests", faults.requests());
      figures.put("faultsByKind", faultsByKind);
      figures.put("faultRate", Math.round(1000.0 * requestFaults / faults.requests()) / 1000.0);
      figures.put("faultsByTarget", faults.faultsByTarget());
      figures.put("watchReconnectsAnswered410", injected.get(Kind.WATCH_GONE_410));
      figures.put("trials", done.getStatus().trials.size());
      figures.put("concurrency", CONCURRENCY);
      figures.put("trialRuns", trainer.environments().size());
      figures.put("duplicates", duplicates);
      figures.put("lost", lost);
      figures.put("sameBest", sameBest);
      figures.put("outcome", String.valueOf(done.getStatus().phase));
      figures.put("seconds", Math.round(seconds * 10) / 10.0);
      ReliabilityFigures.write("reliability-faults.json", figures);

      assertThat(done.getStatus().phase).isEqualTo(SweepPhase.Succeeded);
      assertThat(done.getStatus().trials).hasSize(TRIALS);
      assertThat(duplicates).as("trials run more than once").isZero();
      assertThat(lost).as("trials without a recorded result").isZero();
      assertThat(ReliabilityFigures.parameters(done))
          .isEqualTo(ReliabilityFigures.parameters(reference));
      assertThat(sameBest).as("best trial equal to the fault-free run").isTrue();
      assertThat((double) requestFaults / faults.requests()).isGreaterThanOrEqualTo(0.10);
      assertThat(injected.get(Kind.STATUS_500)).isPositive();
      assertThat(injected.get(Kind.CONFLICT_409)).isPositive();
      assertThat(injected.get(Kind.THROTTLE_429)).isPositive();
      assertThat(injected.get(Kind.DROPPED)).isPositive();
      assertThat(injected.get(Kind.WATCH_DROP)).isPositive();
    }
  }
}
