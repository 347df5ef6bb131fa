package io.hypersweep.search;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;

/** One named axis of a search space: maps the unit interval onto rendered parameter values. */
public sealed interface Dimension
    permits ChoiceDimension, RandintDimension, ContinuousDimension, QuantizedDimension {

  /** The parameter name. */
  String name();

  /** The expression this dimension came from, e.g. {@code loguniform}. */
  String expression();

  /**
   * The rendered value at u through the inverse CDF. u is clamped into [0, 1) so callers holding a
   * point computed with rounding need not care about the upper edge.
   */
  String valueAt(double u);

  /**
   * The inverse of {@link #valueAt}: a u in [0, 1) that maps back to {@code value}. Discrete values
   * map to the centre of their u interval, so {@code valueAt(toUnit(v)).equals(v)}; continuous
   * values outside the range map to the nearest edge.
   *
   * @throws IllegalArgumentException if the value is not a choice, not a number, or a discrete
   *     value outside the range
   */
  double toUnit(String value);

  /**
   * How many distinct values a grid over this dimension has; empty for continuous and unbounded
   * expressions.
   */
  Optional<BigInteger> gridSize();

  /**
   * Grid value number {@code index} (0-based) in grid order.
   *
   * @throws UnsupportedOperationException if the dimension has no grid
   * @throws IndexOutOfBoundsException if index is outside the grid
   */
  String gridValue(long index);

  /**
   * All grid values in grid order; empty for continuous and unbounded expressions. The list is a
   * lazy view, so a randint over a billion integers costs nothing until read; as {@link
   * List#size()} specifies, its size saturates at Integer.MAX_VALUE.
   */
  default Optional<List<String>> gridValues() {
    return gridSize()
        .map(
            size -> {
              int n = size.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
              return new AbstractList<String>() {
                @Override
                public String get(int index) {
                  return gridValue(index);
                }

                @Override
                public int size() {
                  return n;
                }
              };
            });
  }

  /** Keeps u inside [0, 1); NaN is a caller bug. */
  static double clampUnit(double u) {
    if (Double.isNaN(u)) {
      throw new IllegalArgumentException("unit coordinate is NaN");
    }
    return Math.min(Math.nextDown(1.0), Math.max(0.0, u));
  }

  /** Parses a rendered numeric value, naming the dimension when it is not a number. */
  static double parseNumber(String name, String value) {
    try {
      double x = Double.parseDouble(value);
      if (Double.isFinite(x)) {
        return x;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // fall through to the uniform error below
    }
    throw new IllegalArgumentException(
        "value '" + value + "' of parameter " + name + " is not a finite number");
  }
}
