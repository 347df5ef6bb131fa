package io.hypersweep.search;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A continuous dimension: {@code uniform}, {@code loguniform}, {@code normal} or {@code lognormal}.
 *
 * @param name the parameter name
 * @param expression the expression name, for messages
 * @param distribution where the values come from
 */
public record ContinuousDimension(String name, String expression, Distribution distribution)
    implements Dimension {

  @Override
  public String valueAt(double u) {
    return ValueFormat.ofDouble(distribution.quantile(Dimension.clampUnit(u)));
  }

  @Override
  public double toUnit(String value) {
    return Dimension.clampUnit(distribution.cdf(Dimension.parseNumber(name, value)));
  }

  @Override
  public Optional<BigInteger> gridSize() {
    return Optional.empty();
  }

  @Override
  public String gridValue(long index) {
    throw new UnsupportedOperationException(expression + " has no grid");
  }
}
