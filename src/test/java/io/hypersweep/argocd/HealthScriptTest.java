package io.hypersweep.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialState;
import io.hypersweep.argocd.HealthScript.Health;
import io.hypersweep.observe.TrialObservation;
import io.hypersweep.planning.SweepObservation;
import io.hypersweep.planning.SweepPlan;
import io.hypersweep.planning.SweepPlanner;
import io.hypersweep.status.SweepStatusBuilder;
import io.hypersweep.validation.SweepValidator;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check on statuses written by the real planner and status builder, one per
 * phase, plus the states between a sync and the operator's next status.
 */
class HealthScriptTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final SweepPlanner planner = new SweepPlanner();

  private static HyperparameterSweep sweepWith(SweepStatus status, long generation) {
    HyperparameterSweep sweep = TestSweeps.valid();
    sweep.getMetadata().setGeneration(generation);
    sweep.setStatus(status);
    return sweep;
  }

  /**
   * Runs {@code sweep} round by round as the reconciler would, each launched trial finishing in the
   * next round with {@code outcome(number)}; stops after {@code rounds} or when the sweep ends.
   */
  private SweepStatus drive(ValidatedSweep sweep, IntFunction<TrialState> outcome, int rounds) {
    SweepStatus status = new SweepStatus();
    Map<Integer, TrialObservation> jobs = new HashMap<>();
    for (int round = 0; round < rounds; round++) {
      Instant now = T0.plusSeconds(round);
      Map<Integer, TrialObservation> seen = new HashMap<>(jobs);
      status.trials.stream().filter(t -> t.state.isFinished()).forEach(t -> seen.remove(t.number));
      SweepPlan plan =
          planner.plan("demo", sweep, new SweepObservation(status, 1, seen, Set.of(), null, now));
      status =
          SweepStatusBuilder.fromPlan(
              status, plan, 1, sweep.maxTrials(), SweepPlanner.timestamp(now));
      if (status.phase.isFinal()) {
        return status;
      }
      for (var launch : plan.launches()) {
        int n = launch.number();
        TrialState state = outcome.apply(n);
        jobs.put(
            n,
            new TrialObservation(
                n,
                "demo-" + n,
                state,
                state == TrialState.Succeeded ? "Completed" : "Error",
                state == TrialState.Succeeded ? null : "exit code 1",
                state == TrialState.Succeeded ? Map.of("score", n / 10.0) : Map.of(),
                new TreeMap<>(launch.parameters()),
                SweepPlanner.timestamp(now),
                SweepPlanner.timestamp(now.plusSeconds(1)),
                List.of()));
      }
    }
    return status;
  }

  private static ValidatedSweep validSweep() {
    return TestSweeps.validated(TestSweeps.valid());
  }

  @Test
  void aSucceededSweepIsHealthyAndSaysWhy() {
    SweepStatus done = drive(validSweep(), n -> TrialState.Succeeded, 50);
    assertThat(done.phase).isEqualTo(SweepPhase.Succeeded);
    Health health = HealthScript.of(sweepWith(done, 1));
    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message())
        .isEqualTo("MaxTrialsReached: 8 trials ran; best is trial 8 with score=0.8");
  }

  @Test
  void aFailedSweepIsDegradedAndSaysWhy() {
    // Three trials run at once and all fail, which is more than maxFailedTrials=1.
    SweepStatus failed = drive(validSweep(), n -> TrialState.Failed, 50);
    assertThat(failed.phase).isEqualTo(SweepPhase.Failed);
    Health health = HealthScript.of(sweepWith(failed, 1));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message())
        .isEqualTo("MaxFailedTrialsExceeded: 3 trials failed, more than maxFailedTrials=1");
  }

  @Test
  void aRunningSweepIsProgressingWithItsProgressAndBest() {
    SweepStatus started = drive(validSweep(), n -> TrialState.Succeeded, 1);
    assertThat(started.phase).isEqualTo(SweepPhase.Running);
    assertThat(HealthScript.of(sweepWith(started, 1)))
        .isEqualTo(new Health("Progressing", "TrialsRunning: progress 0/8"));

    SweepStatus later = drive(validSweep(), n -> TrialState.Succeeded, 2);
    assertThat(later.phase).isEqualTo(SweepPhase.Running);
    assertThat(HealthScript.of(sweepWith(later, 1)))
        .isEqualTo(new Health("Progressing", "TrialsRunning: progress 3/8, best 0.3 (trial 3)"));
  }

  @Test
  void anInvalidSpecIsDegradedNamingTheField() {
    HyperparameterSweep bad =
        TestSweeps.parse(TestSweeps.VALID.replace("uniform: [0.0, 1.0]", "uniform: [1.0, 0.0]"));
    var errors = new SweepValidator().validate(bad).errors();
    SweepStatus invalid =
        SweepStatusBuilder.invalid(new SweepStatus(), errors, 1, "2026-01-01T00:00:00Z");
    Health health = HealthScript.of(sweepWith(invalid, 1));
    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).startsWith("InvalidSpec: spec.parameters.x.uniform");
  }

  @Test
  void aSamplerErrorIsProgressingWithTheErrorBecauseItIsRetried() {
    SweepPlan plan =
        new SweepPlan(
            List.of(),
            List.of(),
            List.of(),
            SweepPhase.Running,
            "SuggestionFailed",
            "could not compute trial 4's parameters: singular matrix",
            "2026-01-01T00:00:00Z",
            null,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            null);
    SweepStatus status =
        SweepStatusBuilder.fromPlan(new SweepStatus(), plan, 1, 8, "2026-01-01T00:00:00Z");
    assertThat(HealthScript.of(sweepWith(status, 1)))
        .isEqualTo(
            new Health(
                "Progressing",
                "SuggestionFailed: could not compute trial 4's parameters: singular matrix"));
  }

  @Test
  void untilTheOperatorHasSeenTheLatestSpecTheSweepIsProgressing() {
    assertThat(HealthScript.of(sweepWith(null, 1)))
        .isEqualTo(new Health("Progressing", "Waiting for the operator to pick up the sweep"));
    SweepStatus done = drive(validSweep(), n -> TrialState.Succeeded, 50);
    // Right after a sync that raised maxTrials: the status still describes generation 1.
    assertThat(HealthScript.of(sweepWith(done, 2)))
        .isEqualTo(new Health("Progressing", "Waiting for the operator to observe generation 2"));
  }
}
