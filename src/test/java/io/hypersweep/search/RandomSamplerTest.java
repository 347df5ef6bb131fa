package io.hypersweep.search;

import static io.hypersweep.search.Params.choice;
import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Unit tests of the seeded random sampler. */
class RandomSamplerTest {

  private static final SearchSpace SPACE =
      space(
          Map.of(
              "x", expr("uniform", 0.0, 1.0),
              "lr", expr("loguniform", 1e-5, 1e-1),
              "opt", choice("adam", "sgd", "rmsprop")));

  private static List<SortedMap<String, String>> run(long seed, int trials) {
    Sampler sampler = new RandomSampler(SPACE, seed);
    List<SortedMap<String, String>> points = new ArrayList<>();
    for (int n = 1; n <= trials; n++) {
      points.add(sampler.suggest(n, SearchHistory.EMPTY).orElseThrow());
    }
    return points;
  }

  @Test
  void sameSeedGivesTheSameSequence() {
    assertThat(run(7, 50)).isEqualTo(run(7, 50));
  }

  @Test
  void eachTrialIsAPureFunctionOfSeedAndNumber() {
    Sampler sampler = new RandomSampler(SPACE, 7);
    assertThat(sampler.suggest(37, SearchHistory.EMPTY))
        .isEqualTo(sampler.suggest(37, SearchHistory.EMPTY));
    assertThat(new RandomSampler(SPACE, 7).suggest(37, SearchHistory.EMPTY))
        .contains(run(7, 37).get(36));
  }

  @Test
  void differentSeedsGiveDifferentSequences() {
    List<SortedMap<String, String>> a = run(0, 50);
    List<SortedMap<String, String>> b = run(1, 50);
    long same = 0;
    for (int i = 0; i < 50; i++) {
      same += a.get(i).get("x").equals(b.get(i).get("x")) ? 1 : 0;
    }
    assertThat(same).isZero();
  }

  @Test
  void trialsAreNotShiftedCopiesOfEachOther() {
    // A naive SplittableRandom(seed + n) would make trial n + 1 of seed s equal trial n of s + 1.
    assertThat(run(0, 20).subList(1, 20)).doesNotContainAnyElementsOf(run(1, 19));
  }

  @Test
  void coordinatesAreUniform() {
    List<SortedMap<String, String>> points = run(3, 10_000);
    double mean =
        points.stream().mapToDouble(p -> Double.parseDouble(p.get("x"))).average().orElseThrow();
    assertThat(mean).isCloseTo(0.5, within(0.01));
    long adam = points.stream().filter(p -> p.get("opt").equals("adam")).count();
    assertThat(adam / 10_000.0).isCloseTo(1 / 3.0, within(0.02));
  }
}
