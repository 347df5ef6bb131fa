package io.hypersweep.planning;

import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;

/** Where the planner gets trial parameters from: directly from a sampler, or computed elsewhere. */
public interface SuggestionSource {

  Suggestion suggest(int trialNumber, SearchHistory history);

  /** Asks the sampler on the calling thread: right for fast samplers and for tests. */
  static SuggestionSource direct(Sampler sampler) {
    return (trialNumber, history) ->
        sampler
            .suggest(trialNumber, history)
            .<Suggestion>map(Suggestion.Ready::new)
            .orElseGet(Suggestion.Exhausted::new);
  }
}
