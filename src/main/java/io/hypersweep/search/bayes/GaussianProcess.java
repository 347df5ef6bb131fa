package io.hypersweep.search.bayes;

import java.util.Arrays;
import java.util.SplittableRandom;
import smile.math.BFGS;

/** A zero-mean Gaussian-process posterior with a {@link Matern52} kernel on standardized losses. */
final class GaussianProcess {

  /**
   * Hyperparameters are fitted on at most this many points: the likelihood gradient is O(n³) per
   * step, and a few hundred points pin down length scales as well as a thousand do.
   */
  static final int MAX_FIT_POINTS = 200;

  /** Enough for L-BFGS-B to settle the length scales; each costs O(n³) on the fitting subset. */
  static final int LIKELIHOOD_EVALUATIONS = 50;

  private static final double LOG_MIN_SIGNAL = Math.log(0.05);
  private static final double LOG_MAX_SIGNAL = Math.log(20.0);
  private static final double LOG_MIN_LENGTH = Math.log(0.01);
  private static final double LOG_MAX_LENGTH = Math.log(20.0);
  // A floor above zero keeps the kernel matrix invertible with duplicated points.
  private static final double LOG_MIN_NOISE = Math.log(1e-9);
  private static final double LOG_MAX_NOISE = Math.log(0.5);

  final Matern52 kernel;
  private final double[][] scaled;
  private final Cholesky cholesky;
  private final double[] alpha;

  private GaussianProcess(Matern52 kernel, double[][] scaled, Cholesky cholesky, double[] alpha) {
    this.kernel = kernel;
    this.scaled = scaled;
    this.cholesky = cholesky;
    this.alpha = alpha;
  }

  /**
   * Maximum a posteriori hyperparameters by L-BFGS-B on the log marginal likelihood, fitted on a
   * subset of at most {@link #MAX_FIT_POINTS} points: the best quarter of it by loss, since the
   * model matters most near the minimum, and a seeded random sample of the rest.
   */
  static Matern52 fitKernel(double[][] x, double[] y, SplittableRandom random) {
    int dims = x[0].length;
    int[] subset = subset(y, random);
    double[][] xs = new double[subset.length][];
    double[] ys = new double[subset.length];
    for (int i = 0; i < subset.length; i++) {
      xs[i] = x[subset[i]];
      ys[i] = y[subset[i]];
    }
    double[] theta = new double[dims + 2];
    double[] lower = new double[dims + 2];
    double[] upper = new double[dims + 2];
    theta[0] = 0.0;
    lower[0] = LOG_MIN_SIGNAL;
    upper[0] = LOG_MAX_SIGNAL;
    for (int d = 1; d <= dims; d++) {
      theta[d] = Math.log(0.5);
      lower[d] = LOG_MIN_LENGTH;
      upper[d] = LOG_MAX_LENGTH;
    }
    theta[dims + 1] = Math.log(1e-3);
    lower[dims + 1] = LOG_MIN_NOISE;
    upper[dims + 1] = LOG_MAX_NOISE;
    MarginalLikelihood objective = new MarginalLikelihood(xs, ys, LIKELIHOOD_EVALUATIONS);
    try {
      BFGS.minimize(objective, 5, theta, lower, upper, 1e-4, 1000);
    } catch (MarginalLikelihood.BudgetSpent e) {
      // The usual end on many points: the best evaluation so far is close enough.
    } catch (RuntimeException e) {
      // Smile throws when a line search fails; the best point evaluated is still a good fit.
    }
    double[] best = objective.bestTheta();
    return new Matern52(best != null ? best : theta);
  }

  private static int[] subset(double[] y, SplittableRandom random) {
    int n = y.length;
    if (n <= MAX_FIT_POINTS) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    // Stable on ties, so the subset is a function of the data alone.
    Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
    int best = MAX_FIT_POINTS / 4;
    int[] chosen = new int[MAX_FIT_POINTS];
    for (int i = 0; i < best; i++) {
      chosen[i] = order[i];
    }
    // Partial Fisher–Yates over the rest.
    int[] rest = new int[n - best];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = order[best + i];
    }
    for (int i = 0; i < MAX_FIT_POINTS - best; i++) {
      int j = i + random.nextInt(rest.length - i);
      int t = rest[i];
      rest[i] = rest[j];
      rest[j] = t;
      chosen[best + i] = rest[i];
    }
    return chosen;
  }

  /**
   * The posterior given observations, or null when the kernel matrix cannot be factored even with
   * jitter.
   */
  static GaussianProcess condition(Matern52 kernel, double[][] x, double[] y) {
    double[][] scaled = kernel.scale(x);
    Cholesky c = Cholesky.factorWithJitter(kernel.matrix(scaled), y.length);
    if (c == null) {
      return null;
    }
    return new GaussianProcess(kernel, scaled, c, c.solve(y));
  }

  /** Posterior mean and variance (of the latent function, without noise) at x. */
  void predict(double[] x, double[] meanAndVariance) {
    double[] s = kernel.scale(x);
    int n = alpha.length;
    double[] k = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      k[i] = kernel.value(s, scaled[i]);
      mean += k[i] * alpha[i];
    }
    cholesky.forward(k, k);
    double explained = 0;
    for (int i = 0; i < n; i++) {
      explained += k[i] * k[i];
    }
    meanAndVariance[0] = mean;
    meanAndVariance[1] = Math.max(kernel.signal - explained, 1e-12 * kernel.signal);
  }
}
