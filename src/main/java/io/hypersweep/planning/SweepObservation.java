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
 */
public record SweepObservation(
    SweepStatus previous,
    long generation,
    Map<Integer, TrialObservation> trials,
    Set<Integer> vanished,
    List<PriorTrial> priors,
    Instant now) {}
