package io.hypersweep.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The trial-failure suite: every way a trial can fail, driven end to end through the local
 * executor, ends in its documented trial state and reason without stalling the sweep, and {@code
 * maxFailedTrials} ends a failing sweep without launching more trials than it allows. All sweeps
 * run at once on one operator. Writes target/bench/reliability-trials.json.
 */
class TrialFailureSuiteIT {

  /**
   * One failure mode: trial 1 of its sweep fails as {@code first} says, trial 2 succeeds, so the
   * sweep must record the failure and still end Succeeded with MaxTrialsReached.
   */
  private record Mode(
      String name, String reason, Supplier<FakeTrainer.Outcome> first, String limits) {}

  private static final List<Mode> MODES =
      List.of(
          new Mode("exit-nonzero", "Error", () -> new FakeTrainer.Outcome(3, "boom", null, 20), ""),
          new Mode("oom-killed", "OOMKilled", () -> FakeTrainer.Outcome.oomKilled(50), ""),
          new Mode(
              "stuck-pending",
              "PendingTimeout",
              () -> {
                throw new IllegalStateException("its container never starts");
              },
              ", pendingTimeout: 2s"),
          new Mode("evicted", "Evicted", () -> FakeTrainer.Outcome.evicted(50), ""),
          new Mode(
              "job-deleted",
              "JobDeleted",
              () -> new FakeTrainer.Outcome(0, "", "score=9", 60_000),
              ""),
          new Mode(
              "trial-timeout",
              "TrialTimeout",
              () -> new FakeTrainer.Outcome(0, "", "score=9", 60_000),
              ", trialTimeout: 1s"),
          new Mode(
              "metrics-missing",
              "MissingObjective",
              () -> new FakeTrainer.Outcome(0, "training done, nothing to report", null, 20),
              ""),
          new Mode(
              "metrics-unparseable",
              "UnparseableTerminationMessage",
              () -> new FakeTrainer.Outcome(0, "", "score looked fine %%% ???", 20),
              ""));

  /** A sweep whose every trial fails: its failure cap must end it. */
  private record Cap(String name, int maxFailed, int concurrency) {
    /** Trials may launch while at most maxFailed failed, and at most concurrency are active. */
    int mostLaunches() {
      return maxFailed + concurrency;
    }
  }

  private static final List<Cap> CAPS =
      List.of(new Cap("cap-zero", 0, 1), new Cap("cap-serial", 2, 1), new Cap("cap-wide", 5, 4));

  private static FakeTrainer trainer() {
    Map<String, Mode> modes = new LinkedHashMap<>();
    MODES.forEach(m -> modes.put(m.name(), m));
    return new FakeTrainer(
        env ->
            env.get("HYPERSWEEP_SWEEP_NAME").equals("stuck-pending")
                    && env.get("HYPERSWEEP_TRIAL_NUMBER").equals("1")
                ? "ImagePullBackOff"
                : null,
        env -> {
          String sweep = env.get("HYPERSWEEP_SWEEP_NAME");
          int trial = Integer.parseInt(env.get("HYPERSWEEP_TRIAL_NUMBER"));
          if (sweep.startsWith("cap-")) {
            return new FakeTrainer.Outcome(3, "boom", null, 50);
          }
          return trial == 1
              ? modes.get(sweep).first().get()
              : new FakeTrainer.Outcome(0, "", "score=" + trial, 20);
        });
  }

  private static String manifest(String name, String limits) {
    return Manifests.sweep(
        name,
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}}",
        "{algorithm: random, seed: 3}",
        "{" + limits + "}");
  }

  @Test
  void everyFailureModeEndsInItsDocumentedStateAndNeverStallsTheSweep() throws Exception {
    FakeTrainer trainer = trainer();
    List<Map<String, Object>> rows = new ArrayList<>();
    SoftAssertions soft = new SoftAssertions();
    try (SweepHarness h = new SweepHarness(trainer)) {
      for (Mode m : MODES) {
        h.apply(
            manifest(
                m.name(), "maxTrials: 2, maxConcurrentTrials: 1, maxFailedTrials: 1" + m.limits()));
      }
      for (Cap c : CAPS) {
        h.apply(
            manifest(
                c.name(),
                "maxTrials: 40, maxConcurrentTrials: %d, maxFailedTrials: %d"
                    .formatted(c.concurrency(), c.maxFailed())));
      }
      deleteTheRunningJob(h, "job-deleted");

      for (Mode m : MODES) {
        HyperparameterSweep done = awaitEnd(h, m.name());
        TrialRecord first = trial(done, 1);
        TrialRecord second = trial(done, 2);
        boolean ended = done != null && done.getStatus().phase.isFinal();
        boolean continued =
            ended
                && done.getStatus().phase == SweepPhase.Succeeded
                && "MaxTrialsReached".equals(done.getStatus().phaseReason())
                && second != null
                && second.state == TrialState.Succeeded;
        boolean ok =
            first != null
                && first.state == TrialState.Failed
                && m.reason().equals(first.reason)
                && continued;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mode", m.name());
        row.put("expectedState", "Failed");
        row.put("expectedReason", m.reason());
        row.put("observedState", first == null ? null : first.state.name());
        row.put("observedReason", first == null ? null : first.reason);
        row.put("observedMessage", first == null ? null : first.message);
        row.put("sweepEnded", ended);
        row.put("sweepOutcome", outcome(done));
        row.put("ok", ok);
        rows.add(row);
        soft.assertThat(first).as(m.name() + ": trial 1 recorded").isNotNull();
        if (first != null) {
          soft.assertThat(first.state)
              .as(m.name() + ": trial 1 state")
              .isEqualTo(TrialState.Failed);
          soft.assertThat(first.reason).as(m.name() + ": trial 1 reason").isEqualTo(m.reason());
          soft.assertThat(first.message).as(m.name() + ": trial 1 message").isNotBlank();
          soft.assertThat(first.completionTime).as(m.name() + ": completion").isNotNull();
        }
        soft.assertThat(continued)
            .as(m.name() + ": sweep went on to trial 2 and ended " + outcome(done))
            .isTrue();
      }
      // The modes' details the reasons promise.
      soft.assertThat(trial(h.get("exit-nonzero"), 1).message).contains("code 3");
      soft.assertThat(trial(h.get("oom-killed"), 1).message).contains("137");
      soft.assertThat(trial(h.get("evicted"), 1).message).contains("evicted");
      soft.assertThat(h.jobs("stuck-pending"))
          .as("the Job of a trial that never started is deleted")
          .noneMatch(j -> j.getMetadata().getName().equals("stuck-pending-1"));

      for (Cap c : CAPS) {
        HyperparameterSweep done = awaitEnd(h, c.name());
        long launched =
            trainer.environments().stream()
                .filter(env -> c.name().equals(env.get("HYPERSWEEP_SWEEP_NAME")))
                .count();
        List<TrialRecord> trials = done == null ? List.of() : done.getStatus().trials;
        long failed = trials.stream().filter(t -> t.state == TrialState.Failed).count();
        boolean unfinished = trials.stream().anyMatch(t -> !t.state.isFinished());
        boolean endedFailed =
            done != null
                && done.getStatus().phase == SweepPhase.Failed
                && "MaxFailedTrialsExceeded".equals(done.getStatus().phaseReason());
        boolean withinCap =
            c.concurrency() == 1 ? launched == c.maxFailed() + 1 : launched <= c.mostLaunches();
        boolean ok =
            endedFailed
                && failed > c.maxFailed()
                && withinCap
                && launched == trials.size()
                && !unfinished;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(
            "mode", "maxFailedTrials=%d, concurrency %d".formatted(c.maxFailed(), c.concurrency()));
        row.put("expectedState", "Failed (sweep)");
        row.put("expectedReason", "MaxFailedTrialsExceeded");
        row.put("observedState", done == null ? null : done.getStatus().phase.name() + " (sweep)");
        row.put("observedReason", done == null ? null : done.getStatus().phaseReason());
        row.put("trialsLaunched", launched);
        row.put("mostLaunchesAllowed", c.concurrency() == 1 ? c.maxFailed() + 1 : c.mostLaunches());
        row.put("failedTrials", failed);
        row.put("sweepEnded", done != null && done.getStatus().phase.isFinal());
        row.put("ok", ok);
        rows.add(row);
        soft.assertThat(endedFailed).as(c.name() + " ended " + outcome(done)).isTrue();
        soft.assertThat(failed).as(c.name() + ": failed trials").isGreaterThan(c.maxFailed());
        if (c.concurrency() == 1) {
          soft.assertThat(launched).as(c.name() + ": trials launched").isEqualTo(c.maxFailed() + 1);
        } else {
          soft.assertThat(launched)
              .as(c.name() + ": trials launched")
              .isLessThanOrEqualTo(c.mostLaunches());
        }
        soft.assertThat(trials).as(c.name() + ": one record per launch").hasSize((int) launched);
        soft.assertThat(unfinished).as(c.name() + ": trials left running").isFalse();
        soft.assertThat(h.jobs(c.name()))
            .as(c.name() + ": Jobs left unfinished")
            .allMatch(j -> j.getStatus() != null && j.getStatus().getConditions() != null);
      }
    }
    writeFigures(rows);
    soft.assertAll();
  }

  /** Waits until trial 1 of {@code sweep} runs, then deletes its Job as a person would. */
  private static void deleteTheRunningJob(SweepHarness h, String sweep) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              TrialRecord t = trial(h.get(sweep), 1);
              return t != null && t.state == TrialState.Running;
            });
    h.client().batch().v1().jobs().inNamespace(SweepHarness.NS).withName(sweep + "-1").delete();
  }

  /** The sweep once it ended, or as it stands after a minute (a hang shows in the figures). */
  private static HyperparameterSweep awaitEnd(SweepHarness h, String name) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                HyperparameterSweep s = h.get(name);
                return s != null
                    && s.getStatus() != null
                    && s.getStatus().phase != null
                    && s.getStatus().phase.isFinal();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Reported as sweepEnded=false.
    }
    return h.get(name);
  }

  private static TrialRecord trial(HyperparameterSweep sweep, int number) {
    if (sweep == null || sweep.getStatus() == null) {
      return null;
    }
    return sweep.getStatus().trials.stream()
        .filter(t -> t.number == number)
        .findFirst()
        .orElse(null);
  }

  private static String outcome(HyperparameterSweep s) {
    return s == null || s.getStatus() == null
        ? "without status"
        : s.getStatus().phase + "/" + s.getStatus().phaseReason();
  }

  private static void writeFigures(List<Map<String, Object>> rows) throws Exception {
    Path out = Path.of("target", "bench", "reliability-trials.json");
    Files.createDirectories(out.getParent());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("suite", "trials");
    doc.put("modes", rows);
    doc.put("allOk", rows.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok"))));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    System.out.println("trial-failure suite: " + Files.readString(out));
  }
}
