package io.hypersweep.search;

import java.math.BigDecimal;

/** Renders parameter values as the plain decimal strings that are substituted into commands. */
final class ValueFormat {

  private ValueFormat() {}

  /**
   * Plain decimal form of a double, without exponent or float noise.
   *
   * <p>{@link Double#toString} is the shortest string that round-trips, so going through it (and
   * not through {@code new BigDecimal(double)}) keeps 0.1 as "0.1" rather than its binary
   * expansion.
   */
  static String ofDouble(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot render non-finite value " + x);
    }
    return ofDecimal(new BigDecimal(Double.toString(x)));
  }

  /** Plain decimal form of an exact decimal; integral values have no decimal point. */
  static String ofDecimal(BigDecimal x) {
    return x.stripTrailingZeros().toPlainString();
  }

  /**
   * The exact decimal a user meant when writing this double (0.1 is 0.1, not
   * 0.1000000000000000055…).
   */
  static BigDecimal exact(double x) {
    return new BigDecimal(Double.toString(x));
  }
}
