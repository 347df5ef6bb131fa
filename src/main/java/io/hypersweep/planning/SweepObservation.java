package io.hypersweep.planning;

import io.hypersweep.api.SweepStatus;
import io.hypersweep.observe.TrialObservation;
import java.time.Instant;
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
 */
public record SweepObservation(
    SweepStatus previous,
    long generation,
    Map<Integer, TrialObservation> trials,
    Set<Integer> vanished,
    Instant now) {}
