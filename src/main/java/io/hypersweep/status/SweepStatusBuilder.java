package io.hypersweep.status;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialCounts;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.planning.SweepPlan;
import io.hypersweep.validation.FieldError;
import io.hypersweep.validation.FrozenSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The one place that turns a plan or validation problems into the sweep's status. */
public final class SweepStatusBuilder {
  public static final String VALID = "Valid";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private SweepStatusBuilder() {}

  /** The status after a plan was carried out. */
  /**
   * The status after {@code plan}, recording the frozen fields of {@code spec} once the first trial
   * has started, so a later change to them can be named (see {@link FrozenSpec}).
   */
  public static SweepStatus fromPlan(
      SweepStatus previous,
      SweepPlan plan,
      long generation,
      int maxTrials,
      String now,
      SweepSpec spec) {
    SweepStatus s = fromPlan(previous, plan, generation, maxTrials, now);
    s.frozenSpec = FrozenSpec.recorded(s, spec);
    return s;
  }

  public static SweepStatus fromPlan(
      SweepStatus previous, SweepPlan plan, long generation, int maxTrials, String now) {
    SweepStatus s = new SweepStatus();
    s.phase = plan.phase();
    s.observedGeneration = generation;
    s.message = plan.message();
    java.util.Set<Integer> archived = plan.archive().archived();
    s.trials =
        plan.trials().stream()
            .filter(t -> !archived.contains(t.number))
            .collect(Collectors.toCollection(ArrayList::new));
    s.archivedTrials = archived.isEmpty() ? null : archived.size();
    s.archive = archived.isEmpty() ? null : plan.archive().chunks();
    s.warmStart = plan.priors();
    s.frozenSpec = previous.frozenSpec;
    s.trialCounts = TrialCounts.of(plan.trials());
    s.bestTrial = plan.best().map(TrialRecord::copy).orElse(null);
    s.startTime = plan.startTime();
    s.completionTime = plan.completionTime();
    int finished =
        s.trialCounts.succeeded
            + s.trialCounts.failed
            + s.trialCounts.stopped
            + s.trialCounts.earlyStopped;
    ComputeAccounting compute = ComputeAccounting.of(plan.trials());
    s.trialSeconds = compute.trialSeconds();
    s.trialSecondsSaved = compute.trialSecondsSaved();
    s.progress = finished + "/" + maxTrials;

    ConditionSet conditions = new ConditionSet(previous.conditions, now, generation);
    conditions.set(VALID, true, "SpecValid", "the spec is valid");
    boolean running = plan.phase() == SweepPhase.Running || plan.phase() == SweepPhase.Pending;
    conditions.set(RUNNING, running, plan.reason(), plan.message());
    if (plan.phase() == SweepPhase.Succeeded) {
      conditions.set(SUCCEEDED, true, plan.reason(), plan.message());
      conditions.remove(FAILED);
    } else if (plan.phase() == SweepPhase.Failed) {
      conditions.set(FAILED, true, plan.reason(), plan.message());
      conditions.remove(SUCCEEDED);
    } else {
      conditions.remove(SUCCEEDED);
      conditions.remove(FAILED);
    }
    s.conditions = conditions.toList();
    return s;
  }

  /**
   * The status of a sweep whose archive cannot be trusted (a chunk is missing or contradicts the
   * status): everything recorded is kept as it was, nothing is planned, and the Running condition
   * says why, so no trial is re-run or renumbered until the archive is restored.
   */
  public static SweepStatus archiveBroken(
      SweepStatus previous, List<String> problems, long generation, String now) {
    SweepStatus s = kept(previous, generation);
    s.phase = previous.phase;
    s.message = String.join("; ", problems);
    ConditionSet conditions = new ConditionSet(previous.conditions, now, generation);
    conditions.set(RUNNING, false, "ArchiveBroken", s.message);
    s.conditions = conditions.toList();
    return s;
  }

  /** The status of a sweep whose spec is invalid: trials recorded so far are kept. */
  public static SweepStatus invalid(
      SweepStatus previous, List<FieldError> errors, long generation, String now) {
    SweepStatus s = kept(previous, generation);
    s.phase = SweepPhase.Invalid;
    s.message = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    ConditionSet conditions = new ConditionSet(previous.conditions, now, generation);
    conditions.set(VALID, false, "InvalidSpec", s.message);
    conditions.set(RUNNING, false, "InvalidSpec", "no trials start until the spec is fixed");
    s.conditions = conditions.toList();
    return s;
  }

  /** Everything {@code previous} recorded about trials, for a reconcile that plans nothing. */
  private static SweepStatus kept(SweepStatus previous, long generation) {
    SweepStatus s = new SweepStatus();
    s.observedGeneration = generation;
    s.trials = new ArrayList<>(previous.trials);
    s.archivedTrials = previous.archivedTrials;
    s.archive = previous.archive;
    s.warmStart = previous.warmStart;
    s.frozenSpec = previous.frozenSpec;
    // Archived trials are counted only in the previous counts.
    s.trialCounts =
        previous.trialCounts != null && previous.archivedTrials != null
            ? previous.trialCounts
            : TrialCounts.of(s.trials);
    s.bestTrial = previous.bestTrial;
    s.startTime = previous.startTime;
    s.completionTime = previous.completionTime;
    s.progress = previous.progress;
    s.trialSeconds = previous.trialSeconds;
    s.trialSecondsSaved = previous.trialSecondsSaved;
    return s;
  }
}
