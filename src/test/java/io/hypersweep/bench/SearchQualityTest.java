package io.hypersweep.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hypersweep.api.Algorithm;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression test: learning samplers beat random search on Branin, and random and sobol match the
 * exact expectation of random search.
 */
class SearchQualityTest {

  private static final BenchFunction BRANIN = BenchFunction.BRANIN;

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"BAYESIAN", "TPE"})
  void learningSamplerBeatsRandomOnBranin(Algorithm algorithm) {
    Optional<String> unavailable = Sweeps.unavailable(algorithm);
    assumeTrue(
        unavailable.isEmpty(),
        () ->
            algorithm.manifestName()
                + " skipped: Samplers.create reports it unavailable: "
                + unavailable.orElse(""));
    double learner = medianBest(algorithm, 5, 30);
    double random = medianBest(Algorithm.RANDOM, 5, 30);
    assertThat(learner)
        .as("median best of %s vs random, 5 seeds × 30 trials", algorithm.manifestName())
        .isLessThan(random);
    // Beating random at equal trials is a low bar; a learner must also beat what random search
    // reaches with more than three times the trials (exact expectation at 100 trials).
    assertThat(learner)
        .as(
            "median best of %s at 30 trials vs random's expectation at 100",
            algorithm.manifestName())
        .isLessThan(Targets.RANDOM_EXPECTATION.get(BRANIN).get(100));
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RANDOM", "SOBOL"})
  void matchesTheExactExpectationOfRandomSearchOnBranin(Algorithm algorithm) {
    double[] bests = bests(algorithm, 20, 50);
    double expected = Targets.RANDOM_EXPECTATION.get(BRANIN).get(50);
    assertThat(Stats.mean(bests))
        .as("mean best of %s over 20 seeds × 50 trials", algorithm.manifestName())
        .isBetween(expected - 4 * Stats.se(bests), expected + 4 * Stats.se(bests));
  }

  private static double medianBest(Algorithm algorithm, int seeds, int trials) {
    return Stats.median(bests(algorithm, seeds, trials));
  }

  private static double[] bests(Algorithm algorithm, int seeds, int trials) {
    return IntStream.range(0, seeds)
        .mapToDouble(seed -> Sweeps.run(BRANIN, algorithm, seed, trials).bestAt(trials))
        .toArray();
  }
}
