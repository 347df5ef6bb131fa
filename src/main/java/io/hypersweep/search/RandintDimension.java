package io.hypersweep.search;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A {@code randint} dimension: an integer with low <= x < high.
 *
 * @param name the parameter name
 * @param low the smallest value
 * @param high one past the largest value; greater than low
 */
public record RandintDimension(String name, long low, long high) implements Dimension {

  private static final int FRACTION_BITS = 53;

  /** Rejects an empty range. */
  public RandintDimension {
    if (low >= high) {
      throw new IllegalArgumentException("randint needs low < high");
    }
  }

  @Override
  public String expression() {
    return "randint";
  }

  /** The number of integers in the range; exceeds a long for the widest ranges. */
  private BigInteger span() {
    return BigInteger.valueOf(high).subtract(BigInteger.valueOf(low));
  }

  @Override
  public String valueAt(double u) {
    // floor(u * span) in exact integer arithmetic: high - low may not fit a long, and doing it in
    // doubles would round large ranges onto a coarse lattice or past high.
    long fraction = (long) (Dimension.clampUnit(u) * (1L << FRACTION_BITS));
    BigInteger offset = span().multiply(BigInteger.valueOf(fraction)).shiftRight(FRACTION_BITS);
    return BigInteger.valueOf(low).add(offset).toString();
  }

  @Override
  public double toUnit(String value) {
    long x;
    try {
      x = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "value '" + value + "' of parameter " + name + " is not an integer", e);
    }
    if (x < low || x >= high) {
      throw new IllegalArgumentException(
          "value " + x + " of parameter " + name + " is outside [" + low + ", " + high + ")");
    }
    double span = span().doubleValue();
    double offset = BigInteger.valueOf(x).subtract(BigInteger.valueOf(low)).doubleValue();
    return Dimension.clampUnit((offset + 0.5) / span);
  }

  @Override
  public Optional<BigInteger> gridSize() {
    return Optional.of(span());
  }

  @Override
  public String gridValue(long index) {
    if (index < 0 || BigInteger.valueOf(index).compareTo(span()) >= 0) {
      throw new IndexOutOfBoundsException("grid index " + index + " of parameter " + name);
    }
    return BigInteger.valueOf(low).add(BigInteger.valueOf(index)).toString();
  }
}
