package io.hypersweep.operator;

import io.hypersweep.planning.Suggestion;
import io.hypersweep.planning.SuggestionSource;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.telemetry.SweepMetrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Computes model-based suggestions off the reconcile threads, so a slow Gaussian-process fit for
 * one sweep never delays another sweep's reconcile, and wakes the sweep up when one is ready.
 */
final class AsyncSuggestions {
  private static final Logger LOG = Logger.getLogger(AsyncSuggestions.class.getName());

  /** Finished answers nobody collected (e.g. of deleted sweeps) are forgotten past this many. */
  private static final int MAX_ENTRIES = 10_000;

  private record Key(ResourceID sweep, long generation, int trialNumber, SearchHistory history) {}

  private final Map<Key, CompletableFuture<Optional<SortedMap<String, String>>>> work =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<Key, CompletableFuture<Optional<SortedMap<String, String>>>> eldest) {
          return size() > MAX_ENTRIES && eldest.getValue().isDone();
        }
      };

  /** A failed suggestion is retried after this long, never in a tight loop. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final Map<Key, Instant> failures = new java.util.HashMap<>();
  private final ExecutorService executor;
  private final Consumer<ResourceID> wakeUp;

  AsyncSuggestions(Consumer<ResourceID> wakeUp) {
    this.wakeUp = wakeUp;
    this.executor =
        Executors.newFixedThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "hypersweep-suggestions");
              t.setDaemon(true);
              return t;
            });
  }

  /** A source for one reconcile of one sweep; fast samplers are asked directly. */
  SuggestionSource forSweep(ResourceID sweep, long generation, Sampler untimed) {
    Sampler sampler = SweepMetrics.shared().timed(untimed);
    if (!sampler.learnsFromHistory()) {
      return SuggestionSource.direct(sampler);
    }
    return (trialNumber, history) ->
        suggest(new Key(sweep, generation, trialNumber, history), sampler);
  }

  private synchronized Suggestion suggest(Key key, Sampler sampler) {
    CompletableFuture<Optional<SortedMap<String, String>>> future = work.get(key);
    if (future == null) {
      future =
          CompletableFuture.supplyAsync(
              () -> sampler.suggest(key.trialNumber(), key.history()), executor);
      future.whenComplete((result, error) -> wakeUp.accept(key.sweep()));
      work.put(key, future);
      return new Suggestion.Pending();
    }
    if (!future.isDone()) {
      return new Suggestion.Pending();
    }
    try {
      Optional<SortedMap<String, String>> result = future.join();
      // Collected answers are dropped: the same key is asked again only if the plan that used
      // it was not recorded, and then recomputing gives the same deterministic answer.
      work.remove(key);
      return result.<Suggestion>map(Suggestion.Ready::new).orElseGet(Suggestion.Exhausted::new);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Instant failedAt = failures.computeIfAbsent(key, k -> Instant.now());
      if (Duration.between(failedAt, Instant.now()).compareTo(RETRY_AFTER) >= 0) {
        // Retry by forgetting the failure; the caller sees Pending until the new attempt ends.
        failures.remove(key);
        work.remove(key);
        return suggest(key, sampler);
      }
      LOG.log(Level.WARNING, "suggestion for trial " + key.trialNumber() + " failed", cause);
      return new Suggestion.Failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }
}
