package io.hypersweep.telemetry;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one status write of a sweep changed, as metric increments (from the transition previous →
 * next) and levels (from next alone). Pure, so an operator restart that re-reads a status full of
 * finished trials counts none of them again: only transitions seen by this process increment.
 *
 * @param started trials whose record first appears in {@code next}
 * @param finished trials that reached a final state in {@code next}, by outcome label
 * @param earlyStopped of those, how many the early-termination policy stopped
 * @param secondsSaved growth of {@code status.trialSecondsSaved}; never negative
 * @param running trials in state Running in {@code next}
 * @param phase the phase of {@code next}; a sweep not yet given one counts as Pending
 * @param best the best trial's objective value in {@code next}, if any
 */
public record StatusDelta(
    int started,
    Map<String, Integer> finished,
    int earlyStopped,
    long secondsSaved,
    int running,
    SweepPhase phase,
    Optional<Double> best) {

  /** The outcome labels of finished trials, one per final {@link TrialState}. */
  public static final List<String> OUTCOMES =
      List.of(TrialState.values()).stream()
          .filter(TrialState::isFinished)
          .map(StatusDelta::outcome)
          .toList();

  /** {@code EarlyStopped} → {@code early_stopped}: Prometheus label values are snake_case. */
  public static String outcome(TrialState state) {
    return state.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The change from {@code previous} (null: nothing recorded yet) to {@code next}. */
  public static StatusDelta between(SweepStatus previous, SweepStatus next) {
    Map<Integer, TrialState> before = new HashMap<>();
    if (previous != null) {
      for (TrialRecord t : previous.trials) {
        before.put(t.number, t.state);
      }
    }
    int started = 0;
    int running = 0;
    int earlyStopped = 0;
    Map<TrialState, Integer> finishedByState = new EnumMap<>(TrialState.class);
    for (TrialRecord t : next.trials) {
      boolean known = before.containsKey(t.number);
      if (!known) {
        started++;
      }
      TrialState was = before.get(t.number);
      if (t.state != null && t.state.isFinished() && (was == null || !was.isFinished())) {
        finishedByState.merge(t.state, 1, Integer::sum);
        if (t.state == TrialState.EarlyStopped) {
          earlyStopped++;
        }
      }
      if (t.state == TrialState.Running) {
        running++;
      }
    }
    Map<String, Integer> finished = new TreeMap<>();
    finishedByState.forEach((state, n) -> finished.put(outcome(state), n));
    long savedBefore = previous == null ? 0 : orZero(previous.trialSecondsSaved);
    long saved = Math.max(0, orZero(next.trialSecondsSaved) - savedBefore);
    Optional<Double> best =
        Optional.ofNullable(next.bestTrial).map(b -> b.objectiveValue).filter(v -> !v.isNaN());
    SweepPhase phase = next.phase == null ? SweepPhase.Pending : next.phase;
    return new StatusDelta(
        started, Map.copyOf(finished), earlyStopped, saved, running, phase, best);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
