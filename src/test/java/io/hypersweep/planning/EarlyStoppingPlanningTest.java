package io.hypersweep.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.CurvePoint;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.trial.TrialNames;
import io.hypersweep.validation.SweepValidator;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Unit tests of early stopping in the planner: decisions applied, Jobs deleted, slots refilled. */
class EarlyStoppingPlanningTest {

  /** Truncation selection, worst 40%: of three trials at a step, the worst one is stopped. */
  static ValidatedSweep sweep() {
    String yaml =
        TestSweeps.VALID.replace(
            "  limits: {",
            "  earlyTermination: {policy: truncationSelection, truncationPercentage: 40}\n"
                + "  metrics: {pollInterval: 3s}\n"
                + "  limits: {");
    return new SweepValidator().validate(TestSweeps.parse(yaml)).sweep().orElseThrow();
  }

  static List<MetricPoint> curve(long from, long to, double value) {
    return LongStream.rangeClosed(from, to).mapToObj(s -> new MetricPoint(s, value)).toList();
  }

  static TrialRecord trial(SweepPlan plan, int n) {
    return plan.trials().stream().filter(t -> t.number == n).findFirst().orElseThrow();
  }

  @Test
  void theWorstRunningTrialIsStoppedItsJobDeletedAndItsSlotRefilled() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile(); // trials 1..3
    cluster.report(1, curve(1, 4, 0.8));
    cluster.report(2, curve(1, 4, 0.7));
    cluster.report(3, curve(1, 4, 0.1));

    SweepPlan plan = cluster.reconcile();

    TrialRecord stopped = trial(plan, 3);
    assertThat(stopped.state).isEqualTo(TrialState.EarlyStopped);
    assertThat(stopped.reason).isEqualTo("EarlyStopped");
    assertThat(stopped.message)
        .startsWith("truncationSelection: value 0.1000 at step 4 ranks 3 of 3");
    assertThat(stopped.stoppedAtStep).isEqualTo(4L);
    assertThat(stopped.completionTime).isNotNull();
    assertThat(stopped.curve).hasSize(4);
    assertThat(plan.jobsToDelete()).containsExactly(TrialNames.jobName(FakeCluster.SWEEP, 3));
    assertThat(plan.launches()).extracting(TrialLaunch::number).containsExactly(4);
    assertThat(plan.events()).extracting(SweepEvent::reason).contains("TrialEarlyStopped");
    assertThat(trial(plan, 1).state).isEqualTo(TrialState.Running);
    assertThat(trial(plan, 2).state).isEqualTo(TrialState.Running);
    assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(3));
    assertThat(cluster.status.trialCounts.earlyStopped).isEqualTo(1);
    assertThat(cluster.status.progress).isEqualTo("1/8");
  }

  /**
   * A cluster where trial 3 was stopped early and the operator died after writing the status and
   * before deleting the Job, which is still there; returns the plan that stopped it.
   */
  private static SweepPlan stopTrialThreeAndKeepItsJob(FakeCluster cluster) {
    cluster.reconcile();
    cluster.report(1, curve(1, 4, 0.8));
    cluster.report(2, curve(1, 4, 0.7));
    cluster.report(3, curve(1, 4, 0.1));
    var stillRunning = cluster.jobs.get(3);
    SweepPlan stopped = cluster.reconcile();
    assertThat(trial(stopped, 3).state).isEqualTo(TrialState.EarlyStopped);
    cluster.jobs.put(3, stillRunning);
    return stopped;
  }

  @Test
  void aStopRecordedButNotCarriedOutIsCarriedOutAfterARestart() {
    FakeCluster cluster = new FakeCluster(sweep());
    SweepPlan stopped = stopTrialThreeAndKeepItsJob(cluster);

    SweepPlan restarted = cluster.reconcile();

    assertThat(restarted.jobsToDelete()).containsExactly(TrialNames.jobName(FakeCluster.SWEEP, 3));
    assertThat(trial(restarted, 3)).isEqualTo(trial(stopped, 3));
    assertThat(restarted.launches()).isEmpty();
    assertThat(restarted.events()).extracting(SweepEvent::reason).doesNotContain("TrialFailed");
    assertThat(cluster.reconcile().jobsToDelete()).isEmpty();
  }

  @Test
  void aStoppedTrialsJobThatFinishedMeanwhileIsDeletedToo() {
    FakeCluster cluster = new FakeCluster(sweep());
    SweepPlan stopped = stopTrialThreeAndKeepItsJob(cluster);
    // Its pod then ran to completion before the restarted operator got to it.
    cluster.succeed(3, 0.1, curve(1, 10, 0.1));

    SweepPlan restarted = cluster.reconcile();

    assertThat(restarted.jobsToDelete()).containsExactly(TrialNames.jobName(FakeCluster.SWEEP, 3));
    assertThat(trial(restarted, 3)).isEqualTo(trial(stopped, 3));
  }

  @Test
  void aFinishedTrialWhoseJobLooksActiveIsNotDeleted() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.succeed(1, 0.8, curve(1, 10, 0.8));
    cluster.reconcile();
    // The pod's result arrived before the Job controller marked the Job complete.
    cluster.report(1, curve(1, 10, 0.8));

    assertThat(cluster.reconcile().jobsToDelete()).isEmpty();
  }

  @Test
  void earlyStoppedTrialsAreNeitherFailuresNorTheBest() {
    // maxFailedTrials is 1 in the test manifest: two early stops must not fail the sweep.
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    cluster.report(1, curve(1, 4, 0.8));
    cluster.report(2, curve(1, 4, 0.7));
    cluster.report(3, curve(1, 4, 0.1));
    cluster.reconcile(); // 3 stopped, 4 started
    cluster.report(4, curve(1, 4, 0.05));
    SweepPlan plan = cluster.reconcile(); // 4 stopped, 5 started

    assertThat(trial(plan, 4).state).isEqualTo(TrialState.EarlyStopped);
    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);
    assertThat(plan.best()).isEmpty();
    cluster.succeed(1, 0.8, curve(1, 10, 0.8));
    assertThat(cluster.reconcile().best().orElseThrow().number).isEqualTo(1);
  }

  @Test
  void aRestartedOperatorDerivesTheSameDecisionFromTheStatusCurve() {
    FakeCluster cluster = new FakeCluster(sweep());
    cluster.reconcile();
    // Trial 3 is ahead; alone at step 4 it cannot be ranked yet.
    cluster.report(1, curve(1, 2, 0.8));
    cluster.report(2, curve(1, 2, 0.7));
    cluster.report(3, curve(1, 4, 0.1));
    SweepPlan first = cluster.reconcile();
    assertThat(trial(first, 3).state).isEqualTo(TrialState.Running);
    assertThat(trial(first, 3).curve).hasSize(4);
    SweepStatus saved = cluster.status;
    var savedJobs = new java.util.TreeMap<>(cluster.jobs);

    // The same operator: its follower only has new lines of trials 1 and 2, none of trial 3.
    cluster.report(1, curve(3, 4, 0.8));
    cluster.report(2, curve(3, 4, 0.7));
    cluster.report(3, List.of());
    SweepPlan incremental = cluster.reconcile();

    // A restarted operator: the same status, and every log re-read from the start.
    cluster.status = saved;
    cluster.jobs.clear();
    cluster.jobs.putAll(savedJobs);
    cluster.created.remove(4);
    cluster.report(1, curve(1, 4, 0.8));
    cluster.report(2, curve(1, 4, 0.7));
    cluster.report(3, curve(1, 4, 0.1));
    SweepPlan restarted = cluster.reconcile();

    assertThat(trial(incremental, 3).state).isEqualTo(TrialState.EarlyStopped);
    assertThat(restarted.trials()).isEqualTo(incremental.trials());
    assertThat(restarted.jobsToDelete()).isEqualTo(incremental.jobsToDelete());
  }

  @Test
  void curvesAreMergedByStepAndCappedTheSameWayWhateverTheOrder() {
    Curves curves =
        new Curves(
            io.hypersweep.termination.TerminationPolicy.of(
                io.hypersweep.termination.BanditSettings.amount(0.1)),
            io.hypersweep.api.Goal.MAXIMIZE);
    List<MetricPoint> all = new ArrayList<>();
    for (long s = 1; s <= 500; s++) {
      all.add(new MetricPoint(s, s % 7 / 7.0));
    }
    List<CurvePoint> once = curves.merge(List.of(), all);
    List<CurvePoint> stepwise = List.of();
    for (int from = 0; from < all.size(); from += 37) {
      stepwise = curves.merge(stepwise, all.subList(from, Math.min(all.size(), from + 37)));
    }
    assertThat(once).hasSizeLessThanOrEqualTo(RecordLimits.MAX_CURVE_POINTS);
    assertThat(stepwise).isEqualTo(once);
    assertThat(curves.merge(once, all)).isEqualTo(once);
  }

  @Test
  void learningSamplersSeeEarlyStoppedTrialsAsFailed() {
    TrialRecord stopped = new TrialRecord();
    stopped.number = 1;
    stopped.name = "demo-1";
    stopped.state = TrialState.EarlyStopped;
    stopped.parameters = new java.util.TreeMap<>(java.util.Map.of("x", "0.1"));
    stopped.curve = List.of(new CurvePoint(1, 0.1));
    var history =
        new TrialLedger(List.of(stopped))
            .historyFor(2, 1, io.hypersweep.api.Goal.MAXIMIZE, List.of())
            .orElseThrow();
    assertThat(history.completed()).hasSize(1);
    assertThat(history.completed().get(0).loss()).isNaN();
  }
}
