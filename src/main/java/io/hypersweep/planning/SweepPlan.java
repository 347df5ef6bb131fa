package io.hypersweep.planning;

import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's decision: the trial records to keep, the Jobs to create and delete, the sweep's
 * phase and why, and the events to record.
 *
 * @param reason a CamelCase reason for the phase, e.g. TrialsRunning or TargetReached
 * @param requeueAfter when to look again even if nothing changes (e.g. the sweep timeout)
 * @param priors the warm-start observations to keep in the status, or null without warm start
 * @param trials every trial record, archived or not
 * @param archive which of {@code trials} live in archive ConfigMaps rather than the status
 */
public record SweepPlan(
    List<TrialRecord> trials,
    List<TrialLaunch> launches,
    List<String> jobsToDelete,
    SweepPhase phase,
    String reason,
    String message,
    String startTime,
    String completionTime,
    Optional<TrialRecord> best,
    List<SweepEvent> events,
    Optional<Duration> requeueAfter,
    List<PriorTrial> priors,
    ArchivePlan archive) {

  /** A plan that archives nothing. */
  public SweepPlan(
      List<TrialRecord> trials,
      List<TrialLaunch> launches,
      List<String> jobsToDelete,
      SweepPhase phase,
      String reason,
      String message,
      String startTime,
      String completionTime,
      Optional<TrialRecord> best,
      List<SweepEvent> events,
      Optional<Duration> requeueAfter,
      List<PriorTrial> priors) {
    this(
        trials,
        launches,
        jobsToDelete,
        phase,
        reason,
        message,
        startTime,
        completionTime,
        best,
        events,
        requeueAfter,
        priors,
        ArchivePlan.NONE);
  }

  /** This plan, archiving as {@code archive} says. */
  public SweepPlan withArchive(ArchivePlan archive) {
    return new SweepPlan(
        trials,
        launches,
        jobsToDelete,
        phase,
        reason,
        message,
        startTime,
        completionTime,
        best,
        events,
        requeueAfter,
        priors,
        archive);
  }

  /** This plan, run again within {@code within} at the latest. */
  public SweepPlan requeueWithin(Duration within) {
    Optional<Duration> sooner =
        Optional.of(requeueAfter.filter(r -> r.compareTo(within) < 0).orElse(within));
    return new SweepPlan(
        trials,
        launches,
        jobsToDelete,
        phase,
        reason,
        message,
        startTime,
        completionTime,
        best,
        events,
        sooner,
        priors,
        archive);
  }

  /** This plan, also deleting {@code more} Jobs (each name once). */
  public SweepPlan alsoDeleting(List<String> more) {
    if (more.isEmpty() || jobsToDelete.containsAll(more)) {
      return this;
    }
    List<String> all = new ArrayList<>(jobsToDelete);
    more.stream().filter(n -> !all.contains(n)).forEach(all::add);
    return new SweepPlan(
        trials,
        launches,
        all,
        phase,
        reason,
        message,
        startTime,
        completionTime,
        best,
        events,
        requeueAfter,
        priors,
        archive);
  }

  /**
   * This plan after the API server refused to create some of its Jobs (an invalid template it alone
   * can judge): those trials fail with reason JobRejected and the server's message, and count
   * against maxFailedTrials like any failed trial.
   */
  public SweepPlan withRejectedLaunches(Map<Integer, String> rejections, String now) {
    if (rejections.isEmpty()) {
      return this;
    }
    List<TrialRecord> updated = new ArrayList<>();
    List<SweepEvent> moreEvents = new ArrayList<>(events);
    for (TrialRecord t : trials) {
      String why = rejections.get(t.number);
      if (why == null) {
        updated.add(t);
        continue;
      }
      TrialRecord failed = t.copy();
      failed.state = TrialState.Failed;
      failed.reason = "JobRejected";
      failed.message = RecordLimits.message(why);
      failed.completionTime = now;
      updated.add(failed);
      moreEvents.add(new SweepEvent(true, "TrialFailed", "trial " + t.number + ": " + why));
    }
    return new SweepPlan(
        updated,
        launches,
        jobsToDelete,
        phase,
        reason,
        message,
        startTime,
        completionTime,
        best,
        moreEvents,
        requeueAfter,
        priors,
        archive);
  }
}
