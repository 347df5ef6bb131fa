package io.hypersweep.search;

import static io.hypersweep.search.Params.choice;
import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.randint;
import static io.hypersweep.search.Params.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypersweep.api.Algorithm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Unit tests of grid enumeration: every point once, in a stable order. */
class GridSamplerTest {

  private static Sampler grid(SearchSpace space) {
    SamplerCreation creation = Samplers.create(SamplersTest.sampling(Algorithm.GRID, null), space);
    assertThat(creation.errors()).isEmpty();
    return creation.sampler();
  }

  @Test
  void coversEveryPointExactlyOnceThenRunsOut() {
    SearchSpace space =
        space(
            Map.of(
                "opt", choice("adam", "sgd"),
                "layers", randint(1L, 4L),
                "dropout", expr("quniform", 0.0, 0.5, 0.25),
                "lr", expr("qloguniform", 1.0, 100.0, 50.0)));
    Sampler sampler = grid(space);
    long expected = 2L * 3 * 3 * 2;
    assertThat(sampler.size()).hasValue(expected);
    Set<SortedMap<String, String>> seen = new HashSet<>();
    for (int n = 1; n <= expected; n++) {
      SortedMap<String, String> point = sampler.suggest(n, SearchHistory.EMPTY).orElseThrow();
      assertThat(point).containsOnlyKeys("dropout", "layers", "lr", "opt");
      assertThat(seen.add(point)).as("trial %d repeats %s", n, point).isTrue();
    }
    assertThat(seen).hasSize((int) expected);
    assertThat(sampler.suggest((int) expected + 1, SearchHistory.EMPTY)).isEmpty();
    assertThat(sampler.suggest(Integer.MAX_VALUE, SearchHistory.EMPTY)).isEmpty();
  }

  @Test
  void enumeratesLexicographicallyWithTheFirstNameSlowest() {
    Sampler sampler = grid(space(Map.of("b", choice("x", "y", "z"), "a", randint(0L, 2L))));
    List<String> order = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      SortedMap<String, String> p = sampler.suggest(n, SearchHistory.EMPTY).orElseThrow();
      order.add(p.get("a") + p.get("b"));
    }
    assertThat(order).containsExactly("0x", "0y", "0z", "1x", "1y", "1z");
  }

  @Test
  void decodesTrialsBeyondIntegerRangeOfTheProductWithoutMaterializingIt() {
    // 10^6 * 10^6 * 10 points: far more than fit in memory or an int.
    Sampler sampler =
        grid(
            space(
                Map.of(
                    "a", randint(0L, 1_000_000L),
                    "b", randint(0L, 1_000_000L),
                    "c", randint(0L, 10L))));
    assertThat(sampler.size()).hasValue(10_000_000_000_000L);
    int n = Integer.MAX_VALUE;
    long index = n - 1L;
    assertThat(sampler.suggest(n, SearchHistory.EMPTY).orElseThrow())
        .containsEntry("c", Long.toString(index % 10))
        .containsEntry("b", Long.toString(index / 10 % 1_000_000))
        .containsEntry("a", Long.toString(index / 10_000_000));
  }

  @Test
  void rejectsTrialNumbersBelowOne() {
    Sampler sampler = grid(space(Map.of("a", choice("x"))));
    assertThatThrownBy(() -> sampler.suggest(0, SearchHistory.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
