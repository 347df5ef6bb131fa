package io.hypersweep.planning;

import java.util.SortedMap;

/** The answer to "what should trial N run with?": ready, none left, not yet, or failed. */
public sealed interface Suggestion {

  /** The parameters of the trial. */
  record Ready(SortedMap<String, String> parameters) implements Suggestion {}

  /** The sampler has no more points (an exhausted grid). */
  record Exhausted() implements Suggestion {}

  /** Still being computed; the sweep is reconciled again when it is done. */
  record Pending() implements Suggestion {}

  /** The sampler failed; the message says why. */
  record Failed(String message) implements Suggestion {}
}
