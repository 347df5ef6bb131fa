package io.hypersweep.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The strict number syntax of metric values and steps. */
final class NumberSyntax {

  /**
   * Plain decimal with optional exponent. Double.parseDouble alone would also take "NaN",
   * "Infinity", hex floats, "1d" and surrounding blanks, none of which a trainer means as a metric.
   */
  static final String DECIMAL = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";

  private static final Pattern DECIMAL_PATTERN = Pattern.compile(DECIMAL);

  /** Beyond this, a token is noise rather than a number; it also bounds parsing cost. */
  private static final int MAX_LENGTH = 400;

  /** Steps above 2^53 would lose integer precision as doubles, and in JSON status. */
  private static final double MAX_STEP = 9_007_199_254_740_992d;

  private NumberSyntax() {}

  /** The finite value of {@code text}, or empty when it is not a plain decimal or overflows. */
  static OptionalDouble parseValue(CharSequence text) {
    if (text == null || text.length() == 0 || text.length() > MAX_LENGTH) {
      return OptionalDouble.empty();
    }
    if (!DECIMAL_PATTERN.matcher(text).matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(text.toString());
    return finite(value);
  }

  /** {@code value} itself, or empty when NaN or infinite (JSON status cannot hold those). */
  static OptionalDouble finite(double value) {
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  /** {@code value} as a step: integral, non-negative and exactly representable. */
  static OptionalLong asStep(double value) {
    if (!Double.isFinite(value) || value < 0 || value > MAX_STEP || value != Math.rint(value)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) value);
  }
}
