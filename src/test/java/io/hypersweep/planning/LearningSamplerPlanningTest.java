package io.hypersweep.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.validation.TestSweeps;
import io.hypersweep.validation.ValidatedSweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How the planner feeds samplers that learn: a history fixed by the trial number. */
class LearningSamplerPlanningTest {

  /** Suggests a value that encodes exactly what it saw, and records each history. */
  private static final class EchoSampler implements Sampler {
    final Map<Integer, SearchHistory> seen = new TreeMap<>();

    @Override
    public Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history) {
      seen.put(trialNumber, history);
      double sum = history.completed().stream().mapToDouble(c -> c.loss()).sum();
      String x = String.valueOf((sum + history.pending().size() * 1000) % 1);
      return Optional.of(
          new TreeMap<>(Map.of("x", x.length() > 8 ? x.substring(0, 8) : x, "depth", "2")));
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

  private static ValidatedSweep withSampler(Sampler sampler) {
    ValidatedSweep v = TestSweeps.validated(TestSweeps.valid());
    return new ValidatedSweep(
        v.metric(),
        v.goal(),
        v.target(),
        v.additionalMetrics(),
        v.space(),
        v.algorithm(),
        v.seed(),
        sampler,
        v.warmStartFrom(),
        v.maxTrials(),
        v.maxConcurrentTrials(),
        v.maxFailedTrials(),
        v.timeout(),
        v.trialTimeout(),
        v.trialTemplate(),
        v.termination(),
        v.pollInterval(),
        v.pendingTimeout());
  }

  @Test
  void trialSeesResultsOfTrialsUpToNMinusConcurrencyAndThePendingRest() {
    EchoSampler sampler = new EchoSampler();
    FakeCluster cluster = new FakeCluster(withSampler(sampler));
    cluster.reconcile(); // trials 1..3 (maxConcurrentTrials 3)
    assertThat(sampler.seen.get(3).completed()).isEmpty();
    assertThat(sampler.seen.get(3).pending()).hasSize(2);

    cluster.succeed(2, 0.5);
    SweepPlan held = cluster.reconcile();
    // Trial 4 needs trial 1's result; trial 2 finishing first must not change what 4 sees.
    assertThat(held.launches()).isEmpty();

    cluster.succeed(1, 0.25);
    SweepPlan next = cluster.reconcile();
    assertThat(next.launches()).extracting(TrialLaunch::number).containsExactly(4, 5);
    SearchHistory four = sampler.seen.get(4);
    assertThat(four.completed()).hasSize(1);
    assertThat(four.completed().get(0).loss()).isEqualTo(-0.25); // maximize: loss = -score
    assertThat(four.pending()).hasSize(2);
    assertThat(sampler.seen.get(5).completed()).hasSize(2);
  }

  @Test
  void parametersDoNotDependOnTheOrderResultsArrive() {
    List<SortedMap<String, String>> inOrder = run(new int[] {1, 2, 3, 4, 5, 6, 7, 8});
    List<SortedMap<String, String>> reversed = run(new int[] {3, 2, 1, 5, 4, 6, 8, 7});
    assertThat(reversed).isEqualTo(inOrder);
  }

  private static List<SortedMap<String, String>> run(int[] finishOrder) {
    FakeCluster cluster = new FakeCluster(withSampler(new EchoSampler()));
    cluster.reconcile();
    for (int n : finishOrder) {
      while (!cluster.created.contains(n)) {
        cluster.reconcile();
      }
      cluster.succeed(n, n / 10.0);
      cluster.reconcile();
    }
    while (cluster.status.phase == SweepPhase.Running) {
      cluster.reconcile();
    }
    List<SortedMap<String, String>> params = new ArrayList<>();
    cluster.status.trials.forEach(t -> params.add(new TreeMap<>(t.parameters)));
    return params;
  }

  @Test
  void aPendingSuggestionWithNothingRunningKeepsTheSweepRunning() {
    SuggestionSource pending = (n, h) -> new Suggestion.Pending();
    SweepPlan plan =
        new SweepPlanner()
            .plan(
                FakeCluster.SWEEP,
                TestSweeps.validated(TestSweeps.valid()),
                new FakeCluster(TestSweeps.validated(TestSweeps.valid())).observe(),
                pending);
    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);
    assertThat(plan.reason()).isEqualTo("ComputingSuggestion");
    assertThat(plan.launches()).isEmpty();
  }

  @Test
  void aFailedSuggestionIsAConditionAndARetryNotAnEnding() {
    SuggestionSource failing = (n, h) -> new Suggestion.Failed("singular matrix");
    SweepPlan plan =
        new SweepPlanner()
            .plan(
                FakeCluster.SWEEP,
                TestSweeps.validated(TestSweeps.valid()),
                new FakeCluster(TestSweeps.validated(TestSweeps.valid())).observe(),
                failing);
    assertThat(plan.phase()).isEqualTo(SweepPhase.Running);
    assertThat(plan.reason()).isEqualTo("SuggestionFailed");
    assertThat(plan.message()).contains("singular matrix");
    assertThat(plan.requeueAfter()).isPresent();
    assertThat(plan.events()).anyMatch(e -> e.warning() && e.reason().equals("SuggestionFailed"));
  }
}
