package io.hypersweep.search;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Independent uniform sampling: trial n draws one uniform per dimension (in name order) from a
 * {@link SplittableRandom} seeded by a SplitMix64 mix of (seed, n), so any trial can be recomputed
 * on its own.
 */
final class RandomSampler implements Sampler {

  /** 2^64 / golden ratio, the SplitMix64 increment; odd, so n * GOLDEN is a bijection of n. */
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final SearchSpace space;
  private final long seed;

  RandomSampler(SearchSpace space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(
      int trialNumber, SearchHistory finishedHistory) {
    Sampler.checkTrialNumber(trialNumber);
    // SplittableRandom(s) walks s, s + GOLDEN, ...; mixing keeps the streams of neighbouring
    // (seed, n) pairs from being shifted copies of each other.
    SplittableRandom random = new SplittableRandom(mix64(mix64(seed) ^ (GOLDEN * trialNumber)));
    double[] point = new double[space.dimensionCount()];
    for (int i = 0; i < point.length; i++) {
      point[i] = random.nextDouble();
    }
    return Optional.of(space.render(point));
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.empty();
  }

  /** The SplitMix64 finalizer (Stafford variant 13): a bijective, well-avalanched 64-bit mix. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
