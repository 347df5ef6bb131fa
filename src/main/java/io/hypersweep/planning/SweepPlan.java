package io.hypersweep.planning;

import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The planner's decision: the trial records to keep, the Jobs to create and delete, the sweep's
 * phase and why, and the events to record.
 *
 * @param reason a CamelCase reason for the phase, e.g. TrialsRunning or TargetReached
 * @param requeueAfter when to look again even if nothing changes (e.g. the sweep timeout)
 * @param priors the warm-start observations to keep in the status, or null without warm start
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
    List<PriorTrial> priors) {}
