package io.hypersweep.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hypersweep.planning.Suggestion;
import io.hypersweep.planning.SuggestionSource;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Suggestions computed off the reconcile thread: pending, then ready, failures not looped. */
class AsyncSuggestionsTest {
  private static final ResourceID SWEEP = new ResourceID("demo", "default");

  /** A learning sampler that blocks until released, or fails, and counts its calls. */
  private static final class SlowSampler implements Sampler {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final boolean fail;

    SlowSampler(boolean fail) {
      this.fail = fail;
    }

    @Override
    public Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history) {
      calls.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) {
        throw new IllegalStateException("matrix is not positive definite");
      }
      return Optional.of(new TreeMap<>(java.util.Map.of("x", Integer.toString(trialNumber))));
    }

    @Override
    public OptionalLong size() {
      return OptionalLong.empty();
    }

    @Override
    public boolean learnsFromHistory() {
      return true;
    }
  }

  @Test
  void aSlowSuggestionIsPendingUntilDoneAndWakesTheSweep() {
    List<ResourceID> woken = new CopyOnWriteArrayList<>();
    AsyncSuggestions async = new AsyncSuggestions(woken::add);
    SlowSampler sampler = new SlowSampler(false);
    SuggestionSource source = async.forSweep(SWEEP, 1, sampler);

    assertThat(source.suggest(4, SearchHistory.EMPTY)).isInstanceOf(Suggestion.Pending.class);
    assertThat(source.suggest(4, SearchHistory.EMPTY)).isInstanceOf(Suggestion.Pending.class);
    sampler.release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> woken.contains(SWEEP));

    Suggestion ready = source.suggest(4, SearchHistory.EMPTY);
    assertThat(ready).isInstanceOf(Suggestion.Ready.class);
    assertThat(((Suggestion.Ready) ready).parameters()).containsEntry("x", "4");
    assertThat(sampler.calls).hasValue(1);
  }

  @Test
  void aFailureIsReportedAndNotRetriedInATightLoop() {
    List<ResourceID> woken = new CopyOnWriteArrayList<>();
    AsyncSuggestions async = new AsyncSuggestions(woken::add);
    SlowSampler sampler = new SlowSampler(true);
    sampler.release.countDown();
    SuggestionSource source = async.forSweep(SWEEP, 1, sampler);

    assertThat(source.suggest(1, SearchHistory.EMPTY)).isInstanceOf(Suggestion.Pending.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> !woken.isEmpty());
    for (int i = 0; i < 5; i++) {
      Suggestion failed = source.suggest(1, SearchHistory.EMPTY);
      assertThat(failed).isInstanceOf(Suggestion.Failed.class);
      assertThat(((Suggestion.Failed) failed).message()).contains("positive definite");
    }
    assertThat(sampler.calls).hasValue(1);
  }

  @Test
  void fastSamplersAreAskedDirectly() {
    AsyncSuggestions async = new AsyncSuggestions(id -> {});
    Sampler fast =
        new Sampler() {
          @Override
          public Optional<SortedMap<String, String>> suggest(int n, SearchHistory h) {
            return n > 2 ? Optional.empty() : Optional.of(new TreeMap<>());
          }

          @Override
          public OptionalLong size() {
            return OptionalLong.of(2);
          }
        };
    SuggestionSource source = async.forSweep(SWEEP, 1, fast);
    assertThat(source.suggest(1, SearchHistory.EMPTY)).isInstanceOf(Suggestion.Ready.class);
    assertThat(source.suggest(3, SearchHistory.EMPTY)).isInstanceOf(Suggestion.Exhausted.class);
  }
}
