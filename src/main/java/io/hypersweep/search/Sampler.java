package io.hypersweep.search;

import io.hypersweep.api.TrialRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/** Suggests the parameter values of each trial of a sweep. */
public interface Sampler {

  /**
   * The parameters for trial {@code trialNumber}.
   *
   * <p>Grid, random and sobol samplers are pure functions of (space, seed, trialNumber), so a
   * restarted operator suggests exactly what it suggested before; they ignore the history, which is
   * part of the signature for samplers that learn from finished trials.
   *
   * @param trialNumber the trial number, starting at 1
   * @param finishedHistory the trials that have finished so far
   * @return the rendered values by parameter name, or empty when the sampler has no more points
   * @throws IllegalArgumentException if trialNumber is below 1
   */
  Optional<SortedMap<String, String>> suggest(int trialNumber, List<TrialRecord> finishedHistory);

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
