package io.hypersweep.planning;

import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.observe.TrialObservation;
import io.hypersweep.status.SweepStatusBuilder;
import io.hypersweep.trial.TrialNames;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stand-in for the reconciler and the cluster: it keeps trial Jobs as observations, observes them
 * the way the operator does (skipping trials already finished in the status), carries out plans and
 * writes the status with the real status builder.
 */
final class FakeCluster {
  static final String SWEEP = "demo";
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final TreeMap<Integer, TrialObservation> jobs = new TreeMap<>();
  final SweepPlanner planner;

  /** The archive ConfigMaps written, by chunk index, as the reconciler writes them. */
  final TreeMap<Integer, List<TrialRecord>> archive = new TreeMap<>();

  ValidatedSweep sweep;
  SweepStatus status = new SweepStatus();
  long generation = 1;
  java.util.List<io.hypersweep.api.PriorTrial> priors = null;
  Instant now = T0;
  final Set<Integer> created = new TreeSet<>();

  FakeCluster(ValidatedSweep sweep) {
    this(sweep, ArchiveLayout.DEFAULT);
  }

  FakeCluster(ValidatedSweep sweep, ArchiveLayout layout) {
    this.sweep = sweep;
    this.planner = new SweepPlanner(layout);
  }

  static TrialObservation observation(
      int number, TrialState state, Map<String, Double> metrics, Map<String, String> params) {
    String reason =
        switch (state) {
          case Pending -> "Created";
          case Running -> "Running";
          case Succeeded -> "Completed";
          case Failed -> "BackoffLimitExceeded";
          case Stopped -> "Stopped";
          case EarlyStopped -> "EarlyStopped";
        };
    return new TrialObservation(
        number,
        TrialNames.jobName(SWEEP, number),
        state,
        reason,
        state == TrialState.Failed ? "exit code 1" : null,
        metrics,
        new TreeMap<>(params),
        SweepPlanner.timestamp(T0),
        state.isFinished() ? SweepPlanner.timestamp(T0) : null,
        List.of());
  }

  /** Trial {@code number} runs and its log so far shows {@code points} of the objective. */
  void report(int number, List<MetricPoint> points) {
    TrialObservation o = jobs.get(number);
    jobs.put(
        number,
        new TrialObservation(
            o.number(),
            o.jobName(),
            TrialState.Running,
            "PodRunning",
            null,
            Map.of(),
            o.parameters(),
            o.startTime(),
            null,
            points));
  }

  /** Trial {@code number} succeeded with the final {@code score} and the whole curve. */
  void succeed(int number, double score, List<MetricPoint> points) {
    TrialObservation o = jobs.get(number);
    jobs.put(
        number,
        new TrialObservation(
            o.number(),
            o.jobName(),
            TrialState.Succeeded,
            "Completed",
            null,
            Map.of("score", score),
            o.parameters(),
            o.startTime(),
            SweepPlanner.timestamp(now),
            points));
  }

  void set(int number, TrialState state, Map<String, Double> metrics) {
    TrialObservation old = jobs.get(number);
    if (old == null) {
      throw new IllegalStateException("no Job for trial " + number);
    }
    jobs.put(number, observation(number, state, metrics, old.parameters()));
  }

  void succeed(int number, double score) {
    set(number, TrialState.Succeeded, Map.of("score", score, "loss", 1 - score));
  }

  void fail(int number) {
    set(number, TrialState.Failed, Map.of());
  }

  void run(int number) {
    set(number, TrialState.Running, Map.of());
  }

  /** What the operator would observe now. */
  SweepObservation observe() {
    ArchivedTrials archived =
        ArchivedTrials.assemble(SWEEP, new TreeMap<>(archive), List.of(), status.trials);
    Set<Integer> finished = new HashSet<>(archived.records().keySet());
    Set<Integer> unfinished = new HashSet<>();
    for (TrialRecord r : status.trials) {
      (r.state.isFinished() ? finished : unfinished).add(r.number);
    }
    Map<Integer, TrialObservation> seen = new LinkedHashMap<>();
    jobs.forEach(
        (n, o) -> {
          if (!finished.contains(n)) {
            seen.put(n, o);
          }
        });
    Set<Integer> vanished = new TreeSet<>(unfinished);
    vanished.removeAll(jobs.keySet());
    Set<String> present = new TreeSet<>();
    jobs.values().forEach(o -> present.add(o.jobName()));
    return new SweepObservation(status, generation, seen, vanished, priors, now, present, archived);
  }

  /** One reconcile: observe, plan, carry the plan out, write the status. */
  SweepPlan reconcile() {
    SweepPlan plan = planner.plan(SWEEP, sweep, observe());
    apply(plan);
    return plan;
  }

  void apply(SweepPlan plan) {
    for (ArchivePlan.Write w : plan.archive().writes()) {
      if (archive.putIfAbsent(w.index(), w.records()) != null) {
        throw new AssertionError("chunk " + w.index() + " written twice");
      }
    }
    for (String name : plan.jobsToDelete()) {
      jobs.remove(TrialNames.trialNumber(SWEEP, name).orElseThrow());
    }
    for (TrialLaunch launch : plan.launches()) {
      if (!created.add(launch.number())) {
        throw new AssertionError("trial " + launch.number() + " launched twice");
      }
      jobs.put(
          launch.number(),
          observation(launch.number(), TrialState.Pending, Map.of(), launch.parameters()));
    }
    status =
        SweepStatusBuilder.fromPlan(
            status, plan, generation, sweep.maxTrials(), SweepPlanner.timestamp(now));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  List<Integer> unfinishedJobs() {
    return jobs.values().stream()
        .filter(o -> !o.state().isFinished())
        .map(TrialObservation::number)
        .toList();
  }
}
