package io.hypersweep.search;

import java.util.List;
import java.util.SortedMap;

/**
 * What a learning sampler may know when it suggests a trial: finished trials with their loss, and
 * the parameters of trials still in flight.
 *
 * <p>The planner builds it so that it is a pure function of the trial number: trial {@code i} of a
 * sweep with {@code c} concurrent trials sees the results of trials {@code 1..i-c} and the
 * parameters of trials {@code i-c+1..i-1}, whatever order results arrived in.
 *
 * @param completed finished trials, oldest first; warm-start priors first of all
 * @param pending parameters of trials whose results the sampler must not see yet
 */
public record SearchHistory(
    List<CompletedTrial> completed, List<SortedMap<String, String>> pending) {

  public static final SearchHistory EMPTY = new SearchHistory(List.of(), List.of());

  public SearchHistory {
    completed = List.copyOf(completed);
    pending = List.copyOf(pending);
  }

  /**
   * One finished trial.
   *
   * @param parameters the rendered values by parameter name
   * @param loss the objective turned into a loss (lower is better); NaN when the trial failed
   * @param prior true for a trial of another sweep given as a warm start
   */
  public record CompletedTrial(SortedMap<String, String> parameters, double loss, boolean prior) {
    public boolean failed() {
      return Double.isNaN(loss);
    }
  }
}
