package io.hypersweep.search;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A {@code choice} dimension: one of a list of already-rendered values, in the order written.
 *
 * @param name the parameter name
 * @param values the rendered values, distinct and non-empty
 */
public record ChoiceDimension(String name, List<String> values) implements Dimension {

  /** Copies the values so the dimension stays immutable. */
  public ChoiceDimension {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("choice needs at least one value");
    }
  }

  @Override
  public String expression() {
    return "choice";
  }

  @Override
  public String valueAt(double u) {
    int n = values.size();
    int index = (int) Math.floor(Dimension.clampUnit(u) * n);
    return values.get(Math.min(index, n - 1));
  }

  @Override
  public double toUnit(String value) {
    int index = values.indexOf(value);
    if (index < 0) {
      throw new IllegalArgumentException(
          "value '" + value + "' is not one of the choices of parameter " + name);
    }
    return (index + 0.5) / values.size();
  }

  @Override
  public Optional<BigInteger> gridSize() {
    return Optional.of(BigInteger.valueOf(values.size()));
  }

  @Override
  public String gridValue(long index) {
    return values.get(Math.toIntExact(index));
  }
}
