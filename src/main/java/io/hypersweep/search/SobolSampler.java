package io.hypersweep.search;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Scrambled Sobol sampling: trial n uses point n - 1 of the Joe–Kuo Sobol sequence in d dimensions
 * (commons-math3), scrambled the way scipy's {@code Sobol(scramble=True)} does.
 *
 * <p>Each coordinate is a 52-bit binary fraction with digits a_1 (most significant) … a_52. The
 * scramble is a random linear matrix scramble (Matoušek's LMS) followed by a digital shift: per
 * dimension, a lower-triangular 52×52 bit matrix L with unit diagonal gives digits b_i = XOR over j
 * <= i of L_ij·a_j, and the result is XORed with a random 52-bit shift. Both are drawn from a
 * {@link SplittableRandom} seeded by the sweep's seed. The scramble is an invertible linear map
 * over GF(2) that only lets more significant digits affect less significant ones, so it preserves
 * the (t, m, s)-net property: the first 2^k points still stratify every elementary interval the
 * unscrambled ones do, while the origin and the sequence's axis-aligned artefacts are randomized
 * away. Points stay in [0, 1) because the result has 52 fractional bits.
 */
final class SobolSampler implements Sampler {

  /** Digits per coordinate; commons-math3 computes Sobol points with this many bits. */
  static final int BITS = 52;

  /** The highest dimension commons-math3 ships direction numbers for. */
  static final int MAX_DIMENSIONS = 1000;

  private static final double SCALE = 0x1.0p52;
  private static final long DIGITS = (1L << BITS) - 1;

  private final SearchSpace space;
  private final SobolSequenceGenerator generator;

  /** Per dimension, row i of L as a bit mask over the input digits (bit 51 is digit a_1). */
  private final long[][] matrices;

  private final long[] shifts;

  /**
   * @throws IllegalArgumentException if the space has more than {@link #MAX_DIMENSIONS} dimensions;
   *     {@link Samplers#create} reports that as a validation error first
   */
  SobolSampler(SearchSpace space, long seed) {
    int d = space.dimensionCount();
    if (d > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("sobol supports at most " + MAX_DIMENSIONS + " dims");
    }
    this.space = space;
    this.generator = new SobolSequenceGenerator(d);
    // A different mix constant from RandomSampler's, so seed s does not reuse its streams.
    SplittableRandom random = new SplittableRandom(RandomSampler.mix64(~seed));
    this.matrices = new long[d][BITS];
    this.shifts = new long[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < BITS; i++) {
        long digit = 1L << (BITS - 1 - i);
        // Strictly more significant digits than a_i: the bits above `digit` within 52 bits.
        long above = DIGITS & -(digit << 1);
        matrices[j][i] = (random.nextLong() & above) | digit;
      }
      shifts[j] = random.nextLong() & DIGITS;
    }
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(
      int trialNumber, SearchHistory finishedHistory) {
    Sampler.checkTrialNumber(trialNumber);
    return Optional.of(space.render(unitPoint(trialNumber - 1)));
  }

  /** Scrambled Sobol point number {@code index} (0-based), in [0, 1)^d. */
  double[] unitPoint(int index) {
    double[] raw;
    // The generator is stateful; skipTo resets that state, but concurrent callers must not mix.
    synchronized (generator) {
      raw = generator.skipTo(index);
    }
    double[] point = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      // Sobol points are k / 2^52 exactly, so this recovers the digits without rounding.
      long bits = (long) (raw[j] * SCALE);
      point[j] = scramble(j, bits) / SCALE;
    }
    return point;
  }

  private long scramble(int dimension, long bits) {
    long[] rows = matrices[dimension];
    long out = 0;
    for (int i = 0; i < BITS; i++) {
      out |= (long) (Long.bitCount(rows[i] & bits) & 1) << (BITS - 1 - i);
    }
    return out ^ shifts[dimension];
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.empty();
  }
}
