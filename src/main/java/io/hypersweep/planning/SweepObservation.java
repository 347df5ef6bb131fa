package io.hypersweep.planning;

import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.observe.TrialObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the planner sees: the last recorded status, the trials' Jobs as observed now, and the
 * clock.
 *
 * @param previous the status as last written (never null; empty for a new sweep)
 * @param generation the sweep's metadata.generation
 * @param trials observations of the trials whose Jobs exist, by trial number
 * @param vanished unfinished trials whose Jobs are confirmed gone
 * @param priors warm-start observations from other sweeps, fixed when the sweep started
 * @param activeJobs names of the sweep's Jobs that exist and have not finished, whatever their
 *     trial's record says
 */
public record SweepObservation(
    SweepStatus previous,
    long generation,
    Map<Integer, TrialObservation> trials,
    Set<Integer> vanished,
    List<PriorTrial> priors,
    Instant now,
    Set<String> activeJobs) {

  /** An observation that saw no active Job of a finished trial. */
  public SweepObservation(
      SweepStatus previous,
      long generation,
      Map<Integer, TrialObservation> trials,
      Set<Integer> vanished,
      List<PriorTrial> priors,
      Instant now) {
    this(previous, generation, trials, vanished, priors, now, Set.of());
  }
}
