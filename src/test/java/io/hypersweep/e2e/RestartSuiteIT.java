package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.local.FaultInjector;
import io.hypersweep.local.KillPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The restart suite: sweeps whose operator is stopped and started again at seeded kill points lose
 * no result, duplicate no trial and end with the same best trial as an uninterrupted run. Kill
 * points are random moments, and forced ones: right after a trial's Job was created and before the
 * status recorded it, and, under median stopping, right after a stop was recorded or its Job
 * deleted. A forced kill point cuts the operator's API access the moment its request returned (the
 * {@link KillPoint}), then the test stops the operator; any stop cuts the stopped incarnation off.
 * Writes target/bench/reliability-restart.json.
 */
class RestartSuiteIT {
  private static final boolean FULL = ReliabilityFigures.full();
  private static final int TRIALS = FULL ? 200 : 100;
  private static final int RANDOM_KILLS = FULL ? 32 : 16;
  private static final int CREATE_KILLS = FULL ? 12 : 6;
  private static final int ET_TRIALS = FULL ? 40 : 20;
  private static final int ET_RANDOM_KILLS = FULL ? 8 : 4;
  private static final int ET_RECORDED_KILLS = FULL ? 6 : 3;
  private static final int ET_DELETE_KILLS = FULL ? 4 : 2;

  static final String RANDOM = "random_moment";
  static final String CREATE = "between_job_create_and_status_write";
  static final String STOP_RECORDED = "after_early_stop_recorded_before_job_delete";
  static final String STOP_DELETED = "after_early_stopped_job_delete";

  private static String manifest() {
    return Manifests.sweep(
        "restarts",
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}, y: {loguniform: [0.001, 1.0]}}",
        "{algorithm: sobol, seed: 42}",
        "{maxTrials: " + TRIALS + ", maxConcurrentTrials: 5}");
  }

  private static String earlyTerminationManifest() {
    return Manifests.sweep(
        "es-restarts",
        "{metric: score, goal: maximize}",
        "{x: {uniform: [0.0, 1.0]}}",
        "{algorithm: random, seed: 11}",
        "{maxTrials: " + ET_TRIALS + ", maxConcurrentTrials: 4}",
        "earlyTermination: {policy: medianStopping, evaluationInterval: 5, delayEvaluation: 20}"
            + "\n  metrics: {pollInterval: 200ms}");
  }

  /** Deterministic score and run time from the parameters, so both runs see the same results. */
  private static FakeTrainer trainer() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          double y = Double.parseDouble(env.get("HYPERSWEEP_PARAM_Y"));
          double score = -(x - 0.3) * (x - 0.3) - Math.log10(y) * Math.log10(y) / 10;
          long millis = 60 + (long) (x * 240);
          return new FakeTrainer.Outcome(0, "", "score=" + score, millis);
        });
  }

  /**
   * The kinds of kill point in a seeded order, the forced ones mixed into the first half of the
   * random ones: a forced kill point needs the sweep still running to find its request.
   */
  private static List<String> schedule(
      SplittableRandom random, int randomKills, Map<String, Integer> forced) {
    List<String> early = new ArrayList<>(Collections.nCopies(randomKills / 2, RANDOM));
    forced.forEach((kind, n) -> early.addAll(Collections.nCopies(n, kind)));
    for (int i = early.size() - 1; i > 0; i--) {
      Collections.swap(early, i, random.nextInt(i + 1));
    }
    early.addAll(Collections.nCopies(randomKills - randomKills / 2, RANDOM));
    return early;
  }

  @Test
  void restartsLoseNothingDuplicateNothingAndKeepTheBest() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("suite", "restart");
    figures.put("size", FULL ? "full" : "ci");
    Map<String, Integer> byKind = new TreeMap<>();
    SweepResult plain = plainSweep(byKind);
    SweepResult stopping = earlyTerminationSweep(byKind);

    int killPoints = byKind.values().stream().mapToInt(Integer::intValue).sum();
    figures.put("trials", TRIALS);
    figures.put("concurrency", 5);
    figures.put("kill_points", killPoints);
    figures.put("duplicate_trials", plain.duplicates + stopping.duplicates);
    figures.put("lost_results", plain.lost + stopping.lost);
    figures.put("best_equal_to_uninterrupted", plain.sameBest && stopping.sameBest);
    figures.put("kill_points_by_kind", byKind);
    figures.put("forced_kills_verified", plain.verified + stopping.verified);
    figures.put("plain_sweep", plain.figures);
    figures.put("early_termination_sweep", stopping.figures);
    ReliabilityFigures.write("reliability-restart.json", figures);

    assertThat(killPoints).isGreaterThanOrEqualTo(20);
    plain.check();
    stopping.check();
  }

  /** What one sweep under restarts showed, and the assertions it must pass. */
  private record SweepResult(
      int duplicates,
      long lost,
      boolean sameBest,
      int verified,
      int forced,
      int planned,
      Map<String, Object> figures,
      Runnable checks) {
    void check() {
      assertThat(duplicates).as("trials run more than once").isZero();
      assertThat(lost).as("trials without a recorded result").isZero();
      assertThat(sameBest).as("best trial equal to the uninterrupted run").isTrue();
      assertThat(forced).as("forced kill points whose request came").isEqualTo(planned);
      assertThat(verified).as("forced kill points seen to happen").isEqualTo(forced);
      checks.run();
    }
  }

  /** 100 Sobol trials, 5 at a time: random moments and kills between Job create and record. */
  private SweepResult plainSweep(Map<String, Integer> byKind) throws Exception {
    HyperparameterSweep reference;
    try (SweepHarness h = new SweepHarness(trainer())) {
      h.apply(manifest());
      reference = h.withArchive(h.awaitPhase("restarts", SweepPhase.Succeeded));
    }
    SplittableRandom random = new SplittableRandom(7);
    FakeTrainer trainer = trainer();
    FaultInjector faults = FaultInjector.off();
    int verified = 0;
    try (SweepHarness h = new SweepHarness(trainer, faults)) {
      h.apply(manifest());
      for (String kind : schedule(random, RANDOM_KILLS, Map.of(CREATE, CREATE_KILLS))) {
        Thread.sleep(30 + random.nextInt(200));
        if (kind.equals(RANDOM)) {
          if (finished(h, "restarts")) {
            break;
          }
          h.stopOperator();
        } else {
          KillPoint kill = faults.killAfter(c -> isJobCreate(c));
          Optional<FaultInjector.ApiCall> after = kill.await(Duration.ofSeconds(10));
          kill.cancel();
          h.stopOperator();
          if (after.isEmpty()) {
            h.startOperator();
            continue;
          }
          if (createdButUnrecorded(h, "restarts", after.get())) {
            verified++;
          }
        }
        byKind.merge(kind, 1, Integer::sum);
        Thread.sleep(random.nextInt(150));
        h.startOperator();
      }
      HyperparameterSweep done = h.withArchive(h.awaitPhase("restarts", SweepPhase.Succeeded));
      int duplicates = ReliabilityFigures.duplicates(trainer, done);
      long lost = ReliabilityFigures.lost(done, Set.of(TrialState.Succeeded));
      boolean sameBest = ReliabilityFigures.sameBest(done, reference);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("trials", done.getStatus().trials.size());
      figures.put("trial_runs", trainer.environments().size());
      int jobs = h.jobs("restarts").size();
      Map<Integer, Map<String, String>> params = ReliabilityFigures.parameters(done);
      Map<Integer, Map<String, String>> expected = ReliabilityFigures.parameters(reference);
      return new SweepResult(
          duplicates,
          lost,
          sameBest,
          verified,
          byKind.getOrDefault(CREATE, 0),
          CREATE_KILLS,
          figures,
          () -> {
            assertThat(done.getStatus().trials).hasSize(TRIALS);
            assertThat(jobs).isEqualTo(TRIALS);
            assertThat(params).isEqualTo(expected);
          });
    }
  }

  /**
   * Median stopping over live log lines, with restarts at random moments, right after a stop was
   * recorded in the status and right after a stopped trial's Job was deleted.
   */
  private SweepResult earlyTerminationSweep(Map<String, Integer> byKind) throws Exception {
    HyperparameterSweep reference;
    try (SweepHarness h = new SweepHarness(EarlyTerminationIT.learningCurves())) {
      h.apply(earlyTerminationManifest());
      reference =
          h.withArchive(h.awaitPhase("es-restarts", SweepPhase.Succeeded, Duration.ofSeconds(120)));
    }
    SplittableRandom random = new SplittableRandom(13);
    FakeTrainer trainer = EarlyTerminationIT.learningCurves();
    FaultInjector faults = FaultInjector.off();
    int verified = 0;
    try (SweepHarness h = new SweepHarness(trainer, faults)) {
      h.apply(earlyTerminationManifest());
      Map<String, Integer> forced = new LinkedHashMap<>();
      forced.put(STOP_RECORDED, ET_RECORDED_KILLS);
      forced.put(STOP_DELETED, ET_DELETE_KILLS);
      for (String kind : schedule(random, ET_RANDOM_KILLS, forced)) {
        Thread.sleep(50 + random.nextInt(400));
        if (kind.equals(RANDOM)) {
          if (finished(h, "es-restarts")) {
            break;
          }
          h.stopOperator();
        } else {
          int seen = earlyStopped(h.get("es-restarts"));
          KillPoint kill =
              faults.killAfter(
                  kind.equals(STOP_RECORDED)
                      ? c -> isStatusWrite(c) && earlyStopped(c.body()) > seen
                      : c -> "DELETE".equals(c.method()) && isJobs(c));
          Optional<FaultInjector.ApiCall> after = kill.await(Duration.ofSeconds(10));
          kill.cancel();
          h.stopOperator();
          if (after.isEmpty()) {
            h.startOperator();
            continue;
          }
          if (kind.equals(STOP_DELETED) ? jobGone(h, after.get()) : stopRecordedJobKept(h, seen)) {
            verified++;
          }
        }
        byKind.merge(kind, 1, Integer::sum);
        Thread.sleep(random.nextInt(150));
        h.startOperator();
      }
      HyperparameterSweep done =
          h.withArchive(h.awaitPhase("es-restarts", SweepPhase.Succeeded, Duration.ofSeconds(120)));
      Set<String> stoppedJobs =
          done.getStatus().trials.stream()
              .filter(t -> t.state == TrialState.EarlyStopped)
              .map(t -> t.name)
              .collect(Collectors.toSet());
      // Deleting a stopped trial's Job follows its record, so wait for the last deletions.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.jobs("es-restarts").stream()
                      .noneMatch(j -> stoppedJobs.contains(j.getMetadata().getName())));

      int duplicates = ReliabilityFigures.duplicates(trainer, done);
      long lost =
          ReliabilityFigures.lost(done, Set.of(TrialState.Succeeded, TrialState.EarlyStopped));
      done.getStatus().trials.stream()
          .filter(t -> t.state != TrialState.Succeeded && t.state != TrialState.EarlyStopped)
          .forEach(
              t -> System.out.println("lost: trial " + t.number + " " + t.state + " " + t.reason));
      boolean sameBest = ReliabilityFigures.sameBest(done, reference);
      Set<Integer> stopped = numbers(done, TrialState.EarlyStopped);
      Set<Integer> stoppedReference = numbers(reference, TrialState.EarlyStopped);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("trials", done.getStatus().trials.size());
      figures.put("trial_runs", trainer.environments().size());
      figures.put("early_stopped", stopped.size());
      figures.put("early_stopped_uninterrupted", stoppedReference.size());
      figures.put("early_stopped_set_equal", stopped.equals(stoppedReference));
      Map<Integer, Double> values = succeededValues(done);
      Map<Integer, Double> referenceValues = succeededValues(reference);
      Map<Integer, Map<String, String>> params = ReliabilityFigures.parameters(done);
      Map<Integer, Map<String, String>> expected = ReliabilityFigures.parameters(reference);
      List<TrialRecord> early =
          done.getStatus().trials.stream().filter(t -> t.state == TrialState.EarlyStopped).toList();
      return new SweepResult(
          duplicates,
          lost,
          sameBest,
          verified,
          byKind.getOrDefault(STOP_RECORDED, 0) + byKind.getOrDefault(STOP_DELETED, 0),
          ET_RECORDED_KILLS + ET_DELETE_KILLS,
          figures,
          () -> {
            assertThat(params).isEqualTo(expected);
            assertThat(stopped).isNotEmpty();
            // Which trials are stopped depends on how far the others had got when each was
            // judged, so only results both runs finished are compared.
            values.forEach(
                (n, v) -> {
                  if (referenceValues.containsKey(n)) {
                    assertThat(v).as("trial " + n).isEqualTo(referenceValues.get(n));
                  }
                });
            for (TrialRecord t : early) {
              assertThat(t.stoppedAtStep).isGreaterThanOrEqualTo(20L);
              assertThat(t.message).startsWith("medianStopping:");
            }
          });
    }
  }

  /** A kill point after the sweep ended would test nothing, and is not counted. */
  private static boolean finished(SweepHarness h, String sweep) {
    HyperparameterSweep s = h.get(sweep);
    return s.getStatus() != null && s.getStatus().phase != null && s.getStatus().phase.isFinal();
  }

  private static boolean isJobs(FaultInjector.ApiCall call) {
    return "jobs".equals(call.resource());
  }

  private static boolean isJobCreate(FaultInjector.ApiCall call) {
    return "POST".equals(call.method()) && isJobs(call);
  }

  private static boolean isStatusWrite(FaultInjector.ApiCall call) {
    return ("PUT".equals(call.method()) || "PATCH".equals(call.method()))
        && "hyperparametersweeps/status".equals(call.resource());
  }

  /** The Job the cut-off request created exists, and the status has no record of its trial. */
  private static boolean createdButUnrecorded(
      SweepHarness h, String sweep, FaultInjector.ApiCall create) {
    String name = Serialization.unmarshal(create.body(), Job.class).getMetadata().getName();
    boolean exists =
        h.client().batch().v1().jobs().inNamespace(SweepHarness.NS).withName(name).get() != null;
    HyperparameterSweep s = h.get(sweep);
    boolean recorded =
        s.getStatus() != null && s.getStatus().trials.stream().anyMatch(t -> name.equals(t.name));
    if (!exists || recorded) {
      System.out.println(
          "kill point after creating "
              + name
              + " not verified: exists="
              + exists
              + " recorded="
              + recorded);
    }
    return exists && !recorded;
  }

  /** The Job the cut-off request deleted is gone. */
  private static boolean jobGone(SweepHarness h, FaultInjector.ApiCall delete) {
    String name = delete.path().replaceFirst("\\?.*$", "");
    name = name.substring(name.lastIndexOf('/') + 1);
    return h.client().batch().v1().jobs().inNamespace(SweepHarness.NS).withName(name).get() == null;
  }

  /** A trial newly recorded as stopped still has its Job: the kill came before the delete. */
  private static boolean stopRecordedJobKept(SweepHarness h, int seenBefore) {
    HyperparameterSweep s = h.get("es-restarts");
    if (earlyStopped(s) <= seenBefore) {
      return false;
    }
    Set<String> jobs =
        h.jobs("es-restarts").stream()
            .map(j -> j.getMetadata().getName())
            .collect(Collectors.toSet());
    return s.getStatus().trials.stream()
        .anyMatch(t -> t.state == TrialState.EarlyStopped && jobs.contains(t.name));
  }

  private static int earlyStopped(HyperparameterSweep sweep) {
    return sweep == null || sweep.getStatus() == null
        ? 0
        : (int)
            sweep.getStatus().trials.stream()
                .filter(t -> t.state == TrialState.EarlyStopped)
                .count();
  }

  private static int earlyStopped(String statusWriteBody) {
    return statusWriteBody == null
        ? 0
        : earlyStopped(Serialization.unmarshal(statusWriteBody, HyperparameterSweep.class));
  }

  private static Set<Integer> numbers(HyperparameterSweep sweep, TrialState state) {
    return sweep.getStatus().trials.stream()
        .filter(t -> t.state == state)
        .map(t -> t.number)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<Integer, Double> succeededValues(HyperparameterSweep sweep) {
    return sweep.getStatus().trials.stream()
        .filter(t -> t.state == TrialState.Succeeded)
        .collect(Collectors.toMap(t -> t.number, t -> t.objectiveValue));
  }
}
