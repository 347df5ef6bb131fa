package io.hypersweep.search;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/** Suggests the parameter values of each trial of a sweep. */
public interface Sampler {

  /**
   * The parameters for trial {@code trialNumber}.
   *
   * <p>Every sampler is a pure function of (space, seed, trialNumber, history), so a restarted
   * operator suggests exactly what it suggested before. Grid, random and sobol ignore the history.
   *
   * @param trialNumber the trial number, starting at 1
   * @param history what the sampler may know, see {@link SearchHistory}
   * @return the rendered values by parameter name, or empty when the sampler has no more points
   * @throws IllegalArgumentException if trialNumber is below 1
   */
  Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history);

  /**
   * True when suggestions depend on the history; the planner then holds trial {@code i} back until
   * trials {@code 1..i-c} have finished, so the history it sees is always the same.
   */
  default boolean learnsFromHistory() {
    return false;
  }

  /**
   * How many trials this sampler can suggest before {@link #suggest} returns empty; empty when it
   * never runs out.
   */
  OptionalLong size();

  /** Rejects trial numbers below 1, which would silently alias trial 1 otherwise. */
  static void checkTrialNumber(int trialNumber) {
    if (trialNumber < 1) {
      throw new IllegalArgumentException("trial numbers start at 1, got " + trialNumber);
    }
  }
}
