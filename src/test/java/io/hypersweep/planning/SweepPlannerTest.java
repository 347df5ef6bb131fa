package io.hypersweep.planning;

import static io.hypersweep.planning.FakeCluster.SWEEP;
import static io.hypersweep.planning.FakeCluster.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.observe.TrialObservation;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Unit tests of the planner's decisions: launches, endings, best trial, restarts and events. */
class SweepPlannerTest {
  private final SweepPlanner planner = new SweepPlanner();

  private static ValidatedSweep sweep() {
    return TestSweeps.validated(TestSweeps.valid());
  }

  private static ValidatedSweep sweep(UnaryOperator<String> edit) {
    return TestSweeps.validated(TestSweeps.parse(edit.apply(TestSweeps.VALID)));
  }

  private static SweepObservation observation(
      SweepStatus previous, Map<Integer, TrialObservation> trials, Set<Integer> vanished) {
    return new SweepObservation(previous, 1, trials, vanished, null, T0);
  }

  private static SweepObservation fresh() {
    return observation(new SweepStatus(), Map.of(), Set.of());
  }

  private static TrialRecord record(int number, TrialState state, Double score) {
    TrialRecord r = new TrialRecord();
    r.number = number;
    r.name = SWEEP + "-" + number;
    r.state = state;
    r.reason = state.name();
    r.parameters = new TreeMap<>(Map.of("x", "0." + number, "depth", "2"));
    if (score != null) {
      r.metrics = new TreeMap<>(Map.of("score", score));
      r.objectiveValue = score;
    }
    r.startTime = SweepPlanner.timestamp(T0);
    return r;
  }

  private static SweepStatus status(TrialRecord... records) {
    SweepStatus s = new SweepStatus();
    s.phase = SweepPhase.Running;
    s.observedGeneration = 1L;
    s.startTime = SweepPlanner.timestamp(T0);
    s.trials = new ArrayList<>(List.of(records));
    return s;
  }

  private static List<String> reasons(SweepPlan plan) {
    return plan.events().stream().map(SweepEvent::reason).toList();
  }

  private static TrialRecord trial(SweepPlan plan, int number) {
    return plan.trials().stream()
        .filter(r -> r.number == number)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no record of trial " + number));
  }

  private static FakeCluster runToEnd(FakeCluster cluster) {
    if (cluster.status.phase == null) {
      cluster.reconcile();
    }
    for (int step = 0; step < 100 && !cluster.status.phase.isFinal(); step++) {
      cluster.advance(Duration.ofMinutes(1));
      for (int n : cluster.unfinishedJobs()) {
        cluster.succeed(n, score(n));
      }
      cluster.reconcile();
    }
    assertThat(cluster.status.phase.isFinal()).as("the sweep ends").isTrue();
    return cluster;
  }

  /** A deterministic, non-monotonic score. */
  private static double score(int n) {
    return ((n * 37) % 11) / 10.0;
  }

  @Test
  void firstPlanLaunchesMaxConcurrentTrials() {
    SweepPlan plan = planner.plan(SWEEP, sweep(), fresh());

    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(1, 2, 3);
    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);
    assertThat(plan.reason()).isEqualTo("TrialsRunning");
    assertThat(plan.jobsToDelete()).isEmpty();
    assertThat(plan.startTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(plan.completionTime()).isNull();
    assertThat(plan.best()).isEmpty();
    assertThat(plan.trials()).hasSize(3);
    for (TrialLaunch launch : plan.launches()) {
      TrialRecord r = trial(plan, launch.number());
      assertThat(r.state).isEqualTo(TrialState.Pending);
      assertThat(r.name).isEqualTo("demo-" + launch.number());
      assertThat(r.parameters).isEqualTo(launch.parameters());
      assertThat(r.parameters).containsOnlyKeys("x", "depth");
      assertThat(r.startTime).isEqualTo("2025-01-01T00:00:00Z");
    }
    assertThat(reasons(plan)).containsExactly("TrialCreated", "TrialCreated", "TrialCreated");
  }

  @Test
  void launchesFillOnlyTheFreeSlots() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.succeed(1, 0.5);
    cluster.run(2);

    SweepPlan plan = cluster.reconcile();

    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(4);
    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);

    SweepPlan idle = cluster.reconcile();
    assertThat(idle.launches()).isEmpty();
  }

  @Test
  void activeTrialsNeverExceedMaxConcurrentTrials() {
    FakeCluster cluster =
        new FakeCluster(sweep(y -> y.replace("maxFailedTrials: 1", "maxFailedTrials: 100")));
    for (int step = 0; step < 60 && (step == 0 || !cluster.status.phase.isFinal()); step++) {
      cluster.advance(Duration.ofSeconds(30));
      List<Integer> unfinished = cluster.unfinishedJobs();
      // finish only some trials each step, in a fixed but irregular pattern
      for (int n : unfinished) {
        if ((n + step) % 3 == 0) {
          if (n % 4 == 0) {
            cluster.fail(n);
          } else {
            cluster.succeed(n, score(n));
          }
        } else if ((n + step) % 3 == 1) {
          cluster.run(n);
        }
      }
      int activeBefore =
          (int)
              cluster.observe().trials().values().stream()
                  .filter(o -> !o.state().isFinished())
                  .count();
      SweepPlan plan = cluster.reconcile();
      assertThat(plan.launches().size()).isLessThanOrEqualTo(3 - activeBefore);
      long active = plan.trials().stream().filter(r -> !r.state.isFinished()).count();
      assertThat(active).isLessThanOrEqualTo(3);
      assertThat(plan.launches()).allMatch(l -> l.number() <= 8);
    }
    assertThat(cluster.status.phase).isEqualTo(SweepPhase.Succeeded);
    assertThat(cluster.created).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void sweepStopsLaunchingAtMaxTrialsAndSucceedsOnceAllFinished() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    List<Integer> launchedPerStep = new ArrayList<>();
    SweepPlan last = null;
    while (!cluster.status.phase.isFinal()) {
      cluster.advance(Duration.ofMinutes(1));
      for (int n : cluster.unfinishedJobs()) {
        cluster.succeed(n, score(n));
      }
      last = cluster.reconcile();
      launchedPerStep.add(last.launches().size());
      assertThat(launchedPerStep).hasSizeLessThan(10);
    }

    assertThat(cluster.created).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(launchedPerStep).containsExactly(3, 2, 0);
    assertThat(last.phase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(last.reason()).isEqualTo("MaxTrialsReached");
    assertThat(last.completionTime()).isEqualTo(SweepPlanner.timestamp(cluster.now));
    assertThat(last.trials()).extracting(r -> r.state).containsOnly(TrialState.Succeeded);
    assertThat(last.requeueAfter()).isEmpty();
    assertThat(reasons(last)).contains("MaxTrialsReached");
  }

  @Test
  void bestTrialForMaximizeIsTheHighestAndTiesGoToTheLowerNumber() {
    SweepStatus previous =
        status(
            record(1, TrialState.Succeeded, 0.5),
            record(2, TrialState.Succeeded, 0.9),
            record(3, TrialState.Succeeded, 0.9),
            record(4, TrialState.Failed, 2.0),
            record(5, TrialState.Succeeded, null),
            record(6, TrialState.Succeeded, 0.1));

    SweepPlan plan =
        planner.plan(
            SWEEP,
            sweep(y -> y.replace("maxFailedTrials: 1", "maxFailedTrials: 3")),
            observation(previous, Map.of(), Set.of()));

    assertThat(plan.best()).isPresent();
    assertThat(plan.best().get().number).isEqualTo(2);
    assertThat(plan.best().get().objectiveValue).isEqualTo(0.9);
  }

  @Test
  void bestTrialForMinimizeIsTheLowestAndTiesGoToTheLowerNumber() {
    SweepStatus previous =
        status(
            record(1, TrialState.Succeeded, 0.5),
            record(2, TrialState.Succeeded, 0.9),
            record(3, TrialState.Stopped, -5.0),
            record(4, TrialState.Succeeded, 0.1),
            record(5, TrialState.Succeeded, 0.1),
            record(6, TrialState.Succeeded, 0.3));

    SweepPlan plan =
        planner.plan(
            SWEEP,
            sweep(y -> y.replace("goal: maximize", "goal: minimize")),
            observation(previous, Map.of(), Set.of()));

    assertThat(plan.best().orElseThrow().number).isEqualTo(4);
  }

  @Test
  void reachingTheTargetSucceedsAndStopsRunningTrials() {
    FakeCluster cluster =
        new FakeCluster(sweep(y -> y.replace("goal: maximize", "goal: maximize, target: 0.9")));
    cluster.reconcile();
    cluster.run(1);
    cluster.succeed(2, 0.95);
    cluster.advance(Duration.ofMinutes(5));

    SweepPlan plan = cluster.reconcile();

    assertThat(plan.phase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(plan.reason()).isEqualTo("TargetReached");
    assertThat(plan.launches()).isEmpty();
    assertThat(plan.jobsToDelete()).containsExactlyInAnyOrder("demo-1", "demo-3");
    assertThat(plan.best().orElseThrow().number).isEqualTo(2);
    assertThat(plan.completionTime()).isEqualTo("2025-01-01T00:05:00Z");
    for (int n : List.of(1, 3)) {
      assertThat(trial(plan, n).state).isEqualTo(TrialState.Stopped);
      assertThat(trial(plan, n).reason).isEqualTo("TargetReached");
    }
    assertThat(trial(plan, 2).state).isEqualTo(TrialState.Succeeded);
    assertThat(reasons(plan)).contains("TrialSucceeded", "NewBestTrial", "TargetReached");
  }

  @Test
  void targetForMinimizeIsReachedAtOrBelowIt() {
    FakeCluster below =
        new FakeCluster(sweep(y -> y.replace("goal: maximize", "goal: minimize, target: 0.2")));
    below.reconcile();
    below.succeed(1, 0.3);
    assertThat(below.reconcile().phase()).isEqualTo(SweepPhase.Running);
    below.succeed(2, 0.2);
    SweepPlan plan = below.reconcile();
    assertThat(plan.reason()).isEqualTo("TargetReached");
    assertThat(plan.jobsToDelete()).containsExactly("demo-3", "demo-4");
  }

  @Test
  void tooManyFailedTrialsFailTheSweep() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.fail(1);
    SweepPlan one = cluster.reconcile();
    assertThat(one.phase()).isEqualTo(SweepPhase.Running);
    assertThat(reasons(one)).contains("TrialFailed");
    assertThat(one.events().stream().filter(e -> e.reason().equals("TrialFailed")))
        .allMatch(SweepEvent::warning);

    cluster.fail(2);
    SweepPlan two = cluster.reconcile();

    assertThat(two.phase()).isEqualTo(SweepPhase.Failed);
    assertThat(two.reason()).isEqualTo("MaxFailedTrialsExceeded");
    assertThat(two.launches()).isEmpty();
    assertThat(two.jobsToDelete()).containsExactlyInAnyOrder("demo-3", "demo-4");
    assertThat(trial(two, 3).state).isEqualTo(TrialState.Stopped);
    assertThat(two.events().get(two.events().size() - 1))
        .isEqualTo(new SweepEvent(true, "MaxFailedTrialsExceeded", two.message()));
  }

  @Test
  void runningSweepWithATimeoutAsksToBeLookedAtWhenItPasses() {
    FakeCluster cluster = new FakeCluster(sweep());
    SweepPlan first = cluster.reconcile();
    assertThat(first.requeueAfter()).contains(Duration.ofHours(1).plusSeconds(1));

    cluster.advance(Duration.ofMinutes(10));
    assertThat(cluster.reconcile().requeueAfter()).contains(Duration.ofMinutes(50).plusSeconds(1));

    // Without a sweep timeout the only deadline left is that of the still-pending trials.
    FakeCluster noTimeout = new FakeCluster(sweep(y -> y.replace("timeout: 1h, ", "")));
    assertThat(noTimeout.reconcile().requeueAfter()).contains(Duration.ofHours(24).plusSeconds(1));
  }

  @Test
  void timeoutWithABestTrialSucceeds() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.succeed(1, 0.4);
    cluster.advance(Duration.ofMinutes(30));
    cluster.reconcile();
    cluster.advance(Duration.ofMinutes(30));

    SweepPlan plan = cluster.reconcile();

    assertThat(plan.phase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(plan.reason()).isEqualTo("TimeoutReached");
    assertThat(plan.launches()).isEmpty();
    assertThat(plan.jobsToDelete()).containsExactlyInAnyOrder("demo-2", "demo-3", "demo-4");
    assertThat(plan.requeueAfter()).isEmpty();
    assertThat(plan.best().orElseThrow().number).isEqualTo(1);
  }

  @Test
  void timeoutWithoutABestTrialFails() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.advance(Duration.ofMinutes(59));
    assertThat(cluster.reconcile().phase()).isEqualTo(SweepPhase.Running);
    cluster.advance(Duration.ofMinutes(1));

    SweepPlan plan = cluster.reconcile();

    assertThat(plan.phase()).isEqualTo(SweepPhase.Failed);
    assertThat(plan.reason()).isEqualTo("TimeoutReached");
    assertThat(plan.trials()).extracting(r -> r.state).containsOnly(TrialState.Stopped);
  }

  @Test
  void finishedRecordNeverChanges() {
    TrialRecord done = record(1, TrialState.Succeeded, 0.5);
    TrialRecord failed = record(2, TrialState.Failed, null);
    SweepStatus previous = status(done, failed, record(3, TrialState.Running, null));
    Map<Integer, TrialObservation> obs =
        Map.of(
            1, FakeCluster.observation(1, TrialState.Failed, Map.of(), done.parameters),
            2,
                FakeCluster.observation(
                    2, TrialState.Succeeded, Map.of("score", 0.99), failed.parameters));

    SweepPlan plan = planner.plan(SWEEP, sweep(), observation(previous, obs, Set.of(1, 2)));

    assertThat(trial(plan, 1)).isEqualTo(record(1, TrialState.Succeeded, 0.5));
    assertThat(trial(plan, 2)).isEqualTo(record(2, TrialState.Failed, null));
    assertThat(plan.best().orElseThrow().number).isEqualTo(1);
    assertThat(reasons(plan)).doesNotContain("TrialSucceeded", "TrialFailed");
    // the planner works on copies: the previous status is not changed either
    assertThat(previous.trials.get(2).state).isEqualTo(TrialState.Running);
  }

  @Test
  void jobMissingFromTheStatusIsAdoptedNotRelaunched() {
    // The operator created trial 3's Job, then restarted before writing the status.
    SweepStatus previous =
        status(record(1, TrialState.Succeeded, 0.5), record(2, TrialState.Running, null));
    SortedMap<String, String> params = new TreeMap<>(Map.of("x", "0.777", "depth", "8"));
    Map<Integer, TrialObservation> obs =
        Map.of(
            2,
                FakeCluster.observation(
                    2, TrialState.Running, Map.of(), previous.trials.get(1).parameters),
            3, FakeCluster.observation(3, TrialState.Running, Map.of(), params));

    SweepPlan plan = planner.plan(SWEEP, sweep(), observation(previous, obs, Set.of()));

    TrialRecord adopted = trial(plan, 3);
    assertThat(adopted.parameters).isEqualTo(params);
    assertThat(adopted.state).isEqualTo(TrialState.Running);
    assertThat(adopted.name).isEqualTo("demo-3");
    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(4);
    assertThat(plan.trials()).extracting(r -> r.number).containsExactly(1, 2, 3, 4);
  }

  @Test
  void adoptedTrialThatAlreadyFinishedKeepsItsResult() {
    SortedMap<String, String> params = new TreeMap<>(Map.of("x", "0.5", "depth", "2"));
    Map<Integer, TrialObservation> obs =
        Map.of(1, FakeCluster.observation(1, TrialState.Succeeded, Map.of("score", 0.8), params));

    SweepPlan plan = planner.plan(SWEEP, sweep(), observation(new SweepStatus(), obs, Set.of()));

    assertThat(trial(plan, 1).state).isEqualTo(TrialState.Succeeded);
    assertThat(trial(plan, 1).objectiveValue).isEqualTo(0.8);
    assertThat(trial(plan, 1).parameters).isEqualTo(params);
    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(2, 3, 4);
  }

  @Test
  void vanishedUnfinishedTrialFailsWithJobDeleted() {
    FakeCluster cluster =
        new FakeCluster(sweep(y -> y.replace("maxFailedTrials: 1", "maxFailedTrials: 3")));
    cluster.reconcile();
    cluster.succeed(1, 0.5);
    cluster.reconcile();
    cluster.jobs.remove(1); // finished: no effect
    cluster.jobs.remove(2); // unfinished: the trial is lost

    SweepPlan plan = cluster.reconcile();

    assertThat(trial(plan, 1).state).isEqualTo(TrialState.Succeeded);
    assertThat(trial(plan, 2).state).isEqualTo(TrialState.Failed);
    assertThat(trial(plan, 2).reason).isEqualTo("JobDeleted");
    assertThat(plan.events())
        .filteredOn(e -> e.reason().equals("TrialFailed"))
        .hasSize(1)
        .allMatch(SweepEvent::warning);
    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(5);
  }

  @Test
  void gridSmallerThanMaxTrialsCoversEveryPointOnceThenIsExhausted() {
    ValidatedSweep grid =
        sweep(
            y ->
                y.replace("{uniform: [0.0, 1.0]}", "{quniform: [0.0, 1.0, 0.5]}")
                    .replace("algorithm: random", "algorithm: grid")
                    .replace("maxTrials: 8", "maxTrials: 20"));
    FakeCluster cluster = runToEnd(new FakeCluster(grid));

    assertThat(cluster.status.phase).isEqualTo(SweepPhase.Succeeded);
    assertThat(cluster.status.phaseReason()).isEqualTo("SearchSpaceExhausted");
    assertThat(cluster.created).hasSize(9);
    Set<Map<String, String>> points = new HashSet<>();
    for (TrialRecord r : cluster.status.trials) {
      points.add(r.parameters);
    }
    assertThat(points).hasSize(9);
    Set<Map<String, String>> expected = new HashSet<>();
    for (String depth : List.of("2", "4", "8")) {
      for (String x : List.of("0", "0.5", "1")) {
        expected.add(Map.of("depth", depth, "x", x));
      }
    }
    assertThat(points).isEqualTo(expected);
  }

  @Test
  void gridOfExactlyMaxTrialsEndsWithMaxTrialsReached() {
    ValidatedSweep grid =
        sweep(
            y ->
                y.replace("{uniform: [0.0, 1.0]}", "{quniform: [0.0, 1.0, 0.5]}")
                    .replace("algorithm: random", "algorithm: grid")
                    .replace("maxTrials: 8", "maxTrials: 9"));

    assertThat(runToEnd(new FakeCluster(grid)).status.phaseReason()).isEqualTo("MaxTrialsReached");
  }

  @Test
  void sameInputsGiveEqualPlans() {
    SweepStatus previous =
        status(record(1, TrialState.Succeeded, 0.5), record(2, TrialState.Running, null));
    Map<Integer, TrialObservation> obs =
        Map.of(
            2,
            FakeCluster.observation(
                2, TrialState.Succeeded, Map.of("score", 0.7), previous.trials.get(1).parameters));

    SweepPlan a = planner.plan(SWEEP, sweep(), observation(previous, obs, Set.of()));
    SweepPlan b = new SweepPlanner().plan(SWEEP, sweep(), observation(previous, obs, Set.of()));

    assertThat(b).isEqualTo(a);
    assertThat(a.launches()).isNotEmpty();
  }

  @Test
  void replanningAfterAPartialWriteGivesTheSameParameters() {
    SweepPlan full = planner.plan(SWEEP, sweep(), fresh());

    // Only trial 1's record made it into the status (no Jobs for 2 and 3 were created).
    SweepStatus partial = status(full.trials().get(0).copy());
    partial.startTime = full.startTime();
    SweepPlan replan =
        planner.plan(
            SWEEP,
            sweep(),
            observation(
                partial,
                Map.of(
                    1,
                    FakeCluster.observation(
                        1, TrialState.Pending, Map.of(), full.launches().get(0).parameters())),
                Set.of()));

    assertThat(replan.launches()).isEqualTo(full.launches().subList(1, 3));
    assertThat(replan.trials()).isEqualTo(full.trials());
  }

  @Test
  void trialParametersDoNotDependOnTheOrderTrialsFinish() {
    FakeCluster inOrder = runToEnd(new FakeCluster(sweep()));

    FakeCluster shuffled = new FakeCluster(sweep());
    shuffled.reconcile();
    while (!shuffled.status.phase.isFinal()) {
      shuffled.advance(Duration.ofMinutes(1));
      List<Integer> open = shuffled.unfinishedJobs();
      shuffled.succeed(open.get(open.size() - 1), 0.3); // newest first, one at a time
      shuffled.reconcile();
    }

    assertThat(shuffled.status.trials).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(shuffled.status.trials.get(i).parameters)
          .isEqualTo(inOrder.status.trials.get(i).parameters);
    }
  }

  @Test
  void finalPhaseWithTheSameGenerationIsLeftAlone() {
    FakeCluster cluster = runToEnd(new FakeCluster(sweep()));
    SweepStatus done = cluster.status;
    cluster.advance(Duration.ofHours(3));

    SweepPlan plan = cluster.reconcile();

    assertThat(plan.launches()).isEmpty();
    assertThat(plan.jobsToDelete()).isEmpty();
    assertThat(plan.phase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(plan.reason()).isEqualTo("MaxTrialsReached");
    assertThat(plan.completionTime()).isEqualTo(done.completionTime);
    assertThat(plan.events()).isEmpty();
    assertThat(cluster.status).isEqualTo(done);
  }

  @Test
  void finalPhaseStopsLeftoverActiveTrials() {
    SweepStatus previous =
        status(record(1, TrialState.Succeeded, 0.95), record(2, TrialState.Running, null));
    previous.phase = SweepPhase.Succeeded;
    previous.conditions.add(
        new io.fabric8.kubernetes.api.model.ConditionBuilder()
            .withType("Succeeded")
            .withStatus("True")
            .withReason("TargetReached")
            .build());

    SweepPlan plan = planner.plan(SWEEP, sweep(), observation(previous, Map.of(), Set.of()));

    assertThat(plan.launches()).isEmpty();
    assertThat(plan.jobsToDelete()).containsExactly("demo-2");
    assertThat(trial(plan, 2).state).isEqualTo(TrialState.Stopped);
    assertThat(trial(plan, 2).reason).isEqualTo("TargetReached");
    assertThat(plan.reason()).isEqualTo("TargetReached");
  }

  @Test
  void higherGenerationResumesAFinishedSweep() {
    FakeCluster cluster = runToEnd(new FakeCluster(sweep()));
    assertThat(cluster.status.phaseReason()).isEqualTo("MaxTrialsReached");

    cluster.sweep = sweep(y -> y.replace("maxTrials: 8", "maxTrials: 12"));
    cluster.generation = 2;
    cluster.advance(Duration.ofMinutes(1));
    SweepPlan plan = cluster.reconcile();

    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);
    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(9, 10, 11);
    assertThat(plan.completionTime()).isNull();

    runToEnd(cluster);
    assertThat(cluster.created).hasSize(12);
    assertThat(cluster.status.phaseReason()).isEqualTo("MaxTrialsReached");
    assertThat(cluster.status.observedGeneration).isEqualTo(2L);
  }

  @Test
  void specEditThatChangesNoEndingKeepsCompletionTimeAndAnnouncesNothing() {
    FakeCluster cluster = runToEnd(new FakeCluster(sweep()));
    SweepStatus done = cluster.status;

    cluster.sweep = sweep(y -> y.replace("trialTimeout: 10m", "trialTimeout: 20m"));
    cluster.generation = 2;
    cluster.advance(Duration.ofMinutes(5));
    SweepPlan plan = cluster.reconcile();

    assertThat(plan.phase()).isEqualTo(SweepPhase.Succeeded);
    assertThat(plan.completionTime()).isEqualTo(done.completionTime);
    assertThat(reasons(plan)).doesNotContain("MaxTrialsReached");
    assertThat(cluster.status.observedGeneration).isEqualTo(2L);
  }

  @Test
  void jobsTheApiServerRejectsFailTheirTrialsAndCountAgainstTheCap() {
    FakeCluster cluster = new FakeCluster(sweep());
    SweepPlan plan = cluster.planner.plan(SWEEP, cluster.sweep, cluster.observe());
    SweepPlan rejected =
        plan.withRejectedLaunches(
            Map.of(2, "spec.template.spec.containers[0].image: Required"), "t");

    assertThat(trial(rejected, 2).state).isEqualTo(TrialState.Failed);
    assertThat(trial(rejected, 2).reason).isEqualTo("JobRejected");
    assertThat(trial(rejected, 2).message).contains("image: Required");
    assertThat(trial(rejected, 1).state).isEqualTo(TrialState.Pending);
    assertThat(rejected.events()).anyMatch(e -> e.warning() && e.message().contains("trial 2"));
    assertThat(plan.withRejectedLaunches(Map.of(), "t")).isSameAs(plan);
  }

  @Test
  void trialsStuckPendingFailAfterThePendingTimeoutAndTheSweepDoesNotHang() {
    FakeCluster cluster =
        new FakeCluster(sweep(y -> y.replace("pendingTimeout: 24h", "pendingTimeout: 15m")));
    SweepPlan first = cluster.reconcile();
    assertThat(first.requeueAfter()).isPresent();
    assertThat(first.requeueAfter().get())
        .isLessThanOrEqualTo(Duration.ofMinutes(15).plusSeconds(1));

    cluster.run(1);
    cluster.advance(Duration.ofMinutes(16));
    SweepPlan plan = cluster.reconcile();

    assertThat(trial(plan, 2).state).isEqualTo(TrialState.Failed);
    assertThat(trial(plan, 2).reason).isEqualTo("PendingTimeout");
    assertThat(plan.jobsToDelete()).contains("demo-2", "demo-3");
    // Two failures exceed maxFailedTrials = 1, so the sweep ends instead of waiting forever.
    assertThat(plan.phase()).isEqualTo(SweepPhase.Failed);
    assertThat(plan.reason()).isEqualTo("MaxFailedTrialsExceeded");
    // The trial that did start is stopped with the sweep, not failed as stuck.
    assertThat(trial(plan, 1).state).isEqualTo(TrialState.Stopped);
  }

  @Test
  void eventsReportCreationResultsAndEachNewBestOnce() {
    FakeCluster cluster =
        new FakeCluster(sweep(y -> y.replace("maxFailedTrials: 1", "maxFailedTrials: 5")));
    SweepPlan first = cluster.reconcile();
    assertThat(first.events()).allMatch(e -> !e.warning());
    assertThat(reasons(first)).containsExactly("TrialCreated", "TrialCreated", "TrialCreated");

    cluster.succeed(1, 0.5);
    SweepPlan second = cluster.reconcile();
    assertThat(reasons(second)).containsExactly("TrialSucceeded", "NewBestTrial", "TrialCreated");

    SweepPlan quiet = cluster.reconcile();
    assertThat(quiet.events()).isEmpty();

    cluster.succeed(2, 0.3); // worse
    cluster.fail(3);
    SweepPlan third = cluster.reconcile();
    assertThat(reasons(third))
        .containsExactly("TrialSucceeded", "TrialFailed", "TrialCreated", "TrialCreated");

    cluster.succeed(4, 0.8); // better
    SweepPlan fourth = cluster.reconcile();
    assertThat(reasons(fourth)).containsExactly("TrialSucceeded", "NewBestTrial", "TrialCreated");
    assertThat(fourth.events().get(1).message())
        .isEqualTo(
            "trial 4 is the new best: score=0.8 (depth="
                + trial(fourth, 4).parameters.get("depth")
                + ", x="
                + trial(fourth, 4).parameters.get("x")
                + ")");
    assertThat(fourth.events().get(0).message()).isEqualTo("trial 4 succeeded: score=0.8");
    assertThat(fourth.events().get(2).message())
        .isEqualTo("trial 7 created " + SweepEvent.parameters(trial(fourth, 7).parameters));
    assertThat(SweepEvent.parameters(new TreeMap<>(Map.of("lr", "0.01", "depth", "5"))))
        .isEqualTo("(depth=5, lr=0.01)");
    assertThat(cluster.reconcile().events()).isEmpty();
  }
}
