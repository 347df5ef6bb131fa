package io.hypersweep.search;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A quantized dimension ({@code quniform}, {@code qloguniform}, {@code qnormal}, {@code
 * qlognormal}): round(x / q) * q for x drawn from a continuous distribution.
 *
 * <p>Values are k * q computed in BigDecimal with q taken as written, so 3 * 0.1 renders "0.3". The
 * bounded kinds clamp k into [kMin, kMax], the multiples of q inside [min, max]; without the clamp,
 * rounding near an edge would step outside the range the user wrote.
 *
 * @param name the parameter name
 * @param expression the expression name, for messages
 * @param distribution where x comes from
 * @param q the quantum, positive, exactly as written
 * @param kMin the smallest multiplier, or null when unbounded
 * @param kMax the largest multiplier, or null when unbounded
 */
public record QuantizedDimension(
    String name,
    String expression,
    Distribution distribution,
    BigDecimal q,
    BigInteger kMin,
    BigInteger kMax)
    implements Dimension {

  /** Checks that the bounds are both present or both absent, and not empty. */
  public QuantizedDimension {
    if ((kMin == null) != (kMax == null)) {
      throw new IllegalArgumentException("kMin and kMax go together");
    }
    if (kMin != null && kMin.compareTo(kMax) > 0) {
      throw new IllegalArgumentException("no multiple of q in range");
    }
    if (q.signum() <= 0) {
      throw new IllegalArgumentException("q must be positive");
    }
  }

  private boolean bounded() {
    return kMin != null;
  }

  @Override
  public String valueAt(double u) {
    double x = distribution.quantile(Dimension.clampUnit(u));
    // rint of a finite double is an integral double, which BigDecimal holds exactly.
    BigInteger k = new BigDecimal(Math.rint(x / q.doubleValue())).toBigIntegerExact();
    if (bounded()) {
      k = k.max(kMin).min(kMax);
    }
    return render(k);
  }

  @Override
  public double toUnit(String value) {
    BigDecimal v;
    try {
      v = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "value '" + value + "' of parameter " + name + " is not a number", e);
    }
    // Rounding (not exact division) tolerates values rendered before a change of q's spelling.
    BigInteger k = v.divide(q, 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    if (bounded() && (k.compareTo(kMin) < 0 || k.compareTo(kMax) > 0)) {
      throw new IllegalArgumentException(
          "value " + value + " of parameter " + name + " is outside its range");
    }
    double qd = q.doubleValue();
    double kd = k.doubleValue();
    // The u interval that rounds to k; at a clamped edge it extends to the end of the range.
    double lo = bounded() && k.equals(kMin) ? Double.NEGATIVE_INFINITY : (kd - 0.5) * qd;
    double hi = bounded() && k.equals(kMax) ? Double.POSITIVE_INFINITY : (kd + 0.5) * qd;
    return Dimension.clampUnit((distribution.cdf(lo) + distribution.cdf(hi)) / 2.0);
  }

  @Override
  public Optional<BigInteger> gridSize() {
    return bounded() ? Optional.of(kMax.subtract(kMin).add(BigInteger.ONE)) : Optional.empty();
  }

  @Override
  public String gridValue(long index) {
    if (!bounded()) {
      throw new UnsupportedOperationException(expression + " is unbounded and has no grid");
    }
    BigInteger k = kMin.add(BigInteger.valueOf(index));
    if (index < 0 || k.compareTo(kMax) > 0) {
      throw new IndexOutOfBoundsException("grid index " + index + " of parameter " + name);
    }
    return render(k);
  }

  private String render(BigInteger k) {
    return ValueFormat.ofDecimal(q.multiply(new BigDecimal(k)));
  }
}
