package io.hypersweep.search.bayes;

import io.hypersweep.api.BayesianSettings;
import org.apache.commons.math3.special.Erf;

/**
 * Acquisition functions on standardized losses (lower is better), larger score is better: log
 * expected improvement, expected improvement and the lower confidence bound.
 */
final class Acquisition {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

  private final BayesianSettings.Acquisition kind;
  private final double exploration;
  private final double best;

  /**
   * @param best the lowest standardized loss observed
   * @param exploration the margin xi of (log) EI, in standard deviations of the observed losses so
   *     that it means the same whatever the loss's scale; or the beta of UCB, whose bonus is
   *     sqrt(beta) posterior standard deviations
   */
  Acquisition(BayesianSettings.Acquisition kind, double exploration, double best) {
    this.kind = kind;
    this.exploration = exploration;
    this.best = best;
  }

  double score(double mean, double variance) {
    double sd = Math.sqrt(variance);
    return switch (kind) {
      case UCB -> -mean + Math.sqrt(exploration) * sd;
      case EI -> sd * Math.exp(logH((best - exploration - mean) / sd));
      case LOG_EI -> Math.log(sd) + logH((best - exploration - mean) / sd);
    };
  }

  /**
   * log(phi(z) + z Phi(z)), the log of expected improvement over one standard deviation. Plain EI
   * underflows to zero a few deviations below the incumbent, which leaves most of the space flat;
   * this stays accurate far into the tail (Ament et al., "Unexpected improvements to expected
   * improvement", 2023).
   */
  static double logH(double z) {
    if (z > -1) {
      double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      return Math.log(Math.exp(logPhi(z)) + z * cdf);
    }
    if (z < -1e4) {
      // 1 + z m(z) ~ 1/z² there, and computing it directly would cancel catastrophically.
      return logPhi(z) - 2 * Math.log(-z);
    }
    // phi + z Phi = phi (1 + z Phi/phi), with Phi/phi = sqrt(pi/2) erfcx(-z/sqrt2).
    double ratio = SQRT_HALF_PI * erfcx(-z / Math.sqrt(2));
    return logPhi(z) + Math.log1p(z * ratio);
  }

  private static double logPhi(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** exp(u²) erfc(u) for u >= 0, the scaled complementary error function. */
  static double erfcx(double u) {
    if (u < 25) {
      return Math.exp(u * u) * Erf.erfc(u);
    }
    // Asymptotic series; at u >= 25 the next term is below 1e-10 relative.
    double inv = 1 / (u * u);
    return (1 - 0.5 * inv + 0.75 * inv * inv - 1.875 * inv * inv * inv) / (u * Math.sqrt(Math.PI));
  }
}
