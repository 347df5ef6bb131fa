package io.hypersweep.search;

import org.apache.commons.math3.special.Erf;

/** A continuous one-dimensional distribution, addressed through its quantile function and CDF. */
public sealed interface Distribution {

  /**
   * Probabilities passed to unbounded quantiles are kept this far from 0 and 1, so the normal tails
   * stay finite (about ±7 sigma).
   */
  double TAIL = 1e-12;

  /** The value whose CDF is {@code u}, for u in [0, 1). */
  double quantile(double u);

  /** P(X <= x). */
  double cdf(double x);

  /** The smallest value {@link #quantile} can return. */
  default double lowest() {
    return quantile(0.0);
  }

  /** The largest value {@link #quantile} can return. */
  default double highest() {
    return quantile(Math.nextDown(1.0));
  }

  /** Uniform on [min, max]. */
  record Uniform(double min, double max) implements Distribution {
    @Override
    public double quantile(double u) {
      return snapToBounds(min + u * (max - min), min, max);
    }

    @Override
    public double cdf(double x) {
      return clampProbability((x - min) / (max - min));
    }
  }

  /** Log-uniform between the values min and max (both positive). */
  record LogUniform(double min, double max) implements Distribution {
    @Override
    public double quantile(double u) {
      double logMin = Math.log(min);
      return snapToBounds(Math.exp(logMin + u * (Math.log(max) - logMin)), min, max);
    }

    @Override
    public double cdf(double x) {
      if (x <= 0) {
        return 0.0;
      }
      double logMin = Math.log(min);
      return clampProbability((Math.log(x) - logMin) / (Math.log(max) - logMin));
    }
  }

  /** Normal with mean mu and standard deviation sigma. */
  record Normal(double mu, double sigma) implements Distribution {
    @Override
    public double quantile(double u) {
      return mu + sigma * standardNormalQuantile(u);
    }

    @Override
    public double cdf(double x) {
      return standardNormalCdf((x - mu) / sigma);
    }
  }

  /** exp(N(mu, sigma)). */
  record LogNormal(double mu, double sigma) implements Distribution {
    @Override
    public double quantile(double u) {
      return Math.exp(mu + sigma * standardNormalQuantile(u));
    }

    @Override
    public double cdf(double x) {
      if (x <= 0) {
        return 0.0;
      }
      return standardNormalCdf((Math.log(x) - mu) / sigma);
    }
  }

  /** Inverse of the standard normal CDF, with u kept inside [TAIL, 1 - TAIL]. */
  static double standardNormalQuantile(double u) {
    double p = Math.min(1.0 - TAIL, Math.max(TAIL, u));
    return Math.sqrt(2.0) * Erf.erfInv(2.0 * p - 1.0);
  }

  /** The standard normal CDF. */
  static double standardNormalCdf(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2.0));
  }

  /** Clamps into [0, 1]. */
  static double clampProbability(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }

  /**
   * Keeps {@code x} inside [min, max] and snaps it onto a bound it is within a billionth of the
   * range from: rounding (exp(log(0.3)) is 0.29999999999999993) would otherwise put float noise
   * into command lines exactly where optimizers like to go, at the edges.
   */
  static double snapToBounds(double x, double min, double max) {
    double tolerance = 1e-9 * (max - min);
    if (x >= max - tolerance) {
      return max;
    }
    if (x <= min + tolerance) {
      return min;
    }
    return x;
  }
}
