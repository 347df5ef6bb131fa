package io.hypersweep.bench.termination;

import java.util.Random;

/**
 * Benchmark fixture: seeded synthetic learning curves (an accuracy-like metric in [0, 1], to be
 * maximized) whose families mimic real training runs.
 *
 * <p>Saturating power-law and exponential curves are the bulk; slow starters rise late on a sigmoid
 * (midpoint at step 4–15) to the same kind of plateau, so they overtake early leaders and punish
 * impatient policies; diverging runs learn, then degrade, as with too high a learning rate. Noise
 * is i.i.d. Gaussian per report and drawn up front, so a policy run and the no-termination run see
 * the same reports.
 */
final class LearningCurves {

  static final double NOISE = 0.01;

  /** Noisy reported values, [config][step - 1]. */
  final double[][] reported;

  /** Noise-free value at the last step, which defines the truly best configuration. */
  final double[] trueFinal;

  final String[] family;

  LearningCurves(long seed, int configs, int steps) {
    Random rnd = new Random(seed);
    reported = new double[configs][steps];
    trueFinal = new double[configs];
    family = new String[configs];
    for (int c = 0; c < configs; c++) {
      double a = 0.5 + 0.42 * rnd.nextDouble();
      double f = rnd.nextDouble();
      Curve curve;
      if (f < 0.4) {
        double exponent = 0.3 + 0.9 * rnd.nextDouble();
        family[c] = "power";
        curve = s -> a - (a - 0.1) * Math.pow(s, -exponent);
      } else if (f < 0.7) {
        double tau = 2 + 13 * rnd.nextDouble();
        family[c] = "exponential";
        curve = s -> a - (a - 0.1) * Math.exp(-s / tau);
      } else if (f < 0.85) {
        double mid = 4 + 11 * rnd.nextDouble();
        double width = 1.5 + 1.5 * rnd.nextDouble();
        double plateau = a;
        family[c] = "slow-starter";
        curve = s -> 0.1 + (plateau - 0.1) / (1 + Math.exp(-(s - mid) / width));
      } else {
        double tau = 2 + 6 * rnd.nextDouble();
        double turn = 8 + 20 * rnd.nextDouble();
        double slope = 0.005 + 0.015 * rnd.nextDouble();
        family[c] = "diverging";
        curve = s -> a - (a - 0.1) * Math.exp(-s / tau) - slope * Math.max(0, s - turn);
      }
      for (int s = 1; s <= steps; s++) {
        reported[c][s - 1] = clip(curve.at(s) + NOISE * rnd.nextGaussian());
      }
      trueFinal[c] = clip(curve.at(steps));
    }
  }

  int trueBest() {
    int best = 0;
    for (int c = 1; c < trueFinal.length; c++) {
      if (trueFinal[c] > trueFinal[best]) {
        best = c;
      }
    }
    return best;
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private interface Curve {
    double at(double step);
  }
}
