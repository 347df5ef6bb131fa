package io.hypersweep.planning;

import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.observe.TrialObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the planner sees: the last recorded status, the trials' Jobs as observed now, and the
 * clock.
 *
 * @param previous the status as last written (never null; empty for a new sweep)
 * @param generation the sweep's metadata.generation
 * @param trials observations of the trials whose Jobs exist, by trial number
 * @param vanished unfinished trials whose Jobs are confirmed gone
 * @param priors warm-start observations from other sweeps, fixed when the sweep started
 * @param presentJobs names of the sweep's Jobs that exist and are not being deleted, finished or
 *     not, whatever their trial's record says
 * @param archive the finished records archived in ConfigMaps, which left {@code previous.trials}
 */
public record SweepObservation(
    SweepStatus previous,
    long generation,
    Map<Integer, TrialObservation> trials,
    Set<Integer> vanished,
    List<PriorTrial> priors,
    Instant now,
    Set<String> presentJobs,
    ArchivedTrials archive) {

  /** An observation of a sweep with nothing archived. */
  public SweepObservation(
      SweepStatus previous,
      long generation,
      Map<Integer, TrialObservation> trials,
      Set<Integer> vanished,
      List<PriorTrial> priors,
      Instant now,
      Set<String> presentJobs) {
    this(previous, generation, trials, vanished, priors, now, presentJobs, ArchivedTrials.NONE);
  }

  /**
   * Every record known before this reconcile: the archived ones and those in the status. An
   * archived record wins; {@link ArchivedTrials#assemble} reported any status copy that differs.
   */
  public List<TrialRecord> previousRecords() {
    TreeMap<Integer, TrialRecord> all = new TreeMap<>();
    for (TrialRecord r : previous.trials) {
      all.put(r.number, r);
    }
    all.putAll(archive.records());
    return new ArrayList<>(all.values());
  }

  /** An observation that saw no Job of a finished trial. */
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
