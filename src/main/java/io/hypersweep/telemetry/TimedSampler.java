package io.hypersweep.telemetry;

import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/** A sampler that times each suggestion; answers and failures pass through unchanged. */
final class TimedSampler implements Sampler {
  private final Sampler sampler;
  private final Timer timer;

  TimedSampler(Sampler sampler, Timer timer) {
    this.sampler = sampler;
    this.timer = timer;
  }

  /**
   * The {@code spec.sampling.algorithm} a sampler implements, from its class name ({@code
   * TpeSampler} → {@code tpe}); {@code SweepMetricsTest} checks it for every algorithm.
   */
  static String algorithm(Sampler sampler) {
    String name = sampler.getClass().getSimpleName();
    if (name.endsWith("Sampler")) {
      name = name.substring(0, name.length() - "Sampler".length());
    }
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history) {
    return timer.record(() -> sampler.suggest(trialNumber, history));
  }

  @Override
  public boolean learnsFromHistory() {
    return sampler.learnsFromHistory();
  }

  @Override
  public OptionalLong size() {
    return sampler.size();
  }
}
