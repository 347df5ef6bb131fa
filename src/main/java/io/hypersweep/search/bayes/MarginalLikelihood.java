package io.hypersweep.search.bayes;

import smile.math.DifferentiableMultivariateFunction;

/**
 * The negative log marginal likelihood of a zero-mean GP with a {@link Matern52} kernel, plus weak
 * hyperparameter priors, as a function of the log hyperparameters for Smile's L-BFGS-B.
 */
final class MarginalLikelihood implements DifferentiableMultivariateFunction {

  /** Returned where the kernel matrix cannot be factored, so the line search backs off. */
  private static final double INFEASIBLE = 1e10;

  private final double[] y;

  /** Thrown to stop L-BFGS-B once its evaluation budget is spent. */
  static final class BudgetSpent extends RuntimeException {
    BudgetSpent() {
      super("likelihood evaluation budget spent", null, false, false);
    }
  }

  private final int budget;
  private int evaluations;
  private double bestValue = Double.POSITIVE_INFINITY;
  private double[] bestTheta;

  /** Squared coordinate differences of every pair i > j, pair-major; fixed during the fit. */
  private final double[] differences;

  private final int dims;

  /**
   * @param budget evaluations allowed; a budget rather than an iteration cap bounds the time even
   *     when line searches take many steps
   */
  MarginalLikelihood(double[][] x, double[] y, int budget) {
    this.y = y;
    this.budget = budget;
    this.dims = x[0].length;
    int n = y.length;
    this.differences = new double[n * (n - 1) / 2 * dims];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        for (int d = 0; d < dims; d++) {
          double diff = x[i][d] - x[j][d];
          differences[p++] = diff * diff;
        }
      }
    }
  }

  /** Scaled squared distances of every pair i > j, in the order of {@link #differences}. */
  private double[] squaredDistances(Matern52 kernel) {
    int pairs = differences.length / Math.max(dims, 1);
    double[] inv2 = new double[dims];
    for (int d = 0; d < dims; d++) {
      inv2[d] = kernel.inverseLengths[d] * kernel.inverseLengths[d];
    }
    double[] r2 = new double[pairs];
    for (int p = 0, q = 0; p < pairs; p++) {
      double sum = 0;
      for (int d = 0; d < dims; d++) {
        sum += differences[q++] * inv2[d];
      }
      r2[p] = sum;
    }
    return r2;
  }

  /**
   * The best point evaluated so far; L-BFGS-B can throw on a failed line search after it has
   * already found good hyperparameters, and those are worth keeping.
   */
  double[] bestTheta() {
    return bestTheta;
  }

  @Override
  public double f(double[] theta) {
    return g(theta, null);
  }

  @Override
  public double g(double[] theta, double[] gradient) {
    if (++evaluations > budget) {
      throw new BudgetSpent();
    }
    Matern52 kernel = new Matern52(theta);
    int n = y.length;
    double[] r2 = squaredDistances(kernel);
    double[] k = new double[n * n];
    for (int i = 0, p = 0; i < n; i++) {
      k[i * n + i] = kernel.signal + kernel.noise;
      for (int j = 0; j < i; j++, p++) {
        double r = Math.sqrt(r2[p]);
        double v =
            kernel.signal
                * (1 + Matern52.SQRT5 * r + 5.0 / 3.0 * r * r)
                * Math.exp(-Matern52.SQRT5 * r);
        k[i * n + j] = v;
        k[j * n + i] = v;
      }
    }
    Cholesky c = Cholesky.factor(k, n, 0.0);
    if (c == null) {
      if (gradient != null) {
        java.util.Arrays.fill(gradient, 0.0);
      }
      return INFEASIBLE;
    }
    double[] alpha = c.solve(y);
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += y[i] * alpha[i];
    }
    double value = 0.5 * fit + 0.5 * c.logDeterminant() + 0.5 * n * Math.log(2 * Math.PI);
    value -= logPrior(theta, gradient);
    if (gradient != null) {
      addLikelihoodGradient(kernel, r2, c, alpha, gradient);
    }
    if (value < bestValue) {
      bestValue = value;
      bestTheta = theta.clone();
    }
    return value;
  }

  /**
   * Gamma priors (on the positive parameter, with the log Jacobian) keep the fit sensible on few
   * points: Gamma(3, 6) on length scales (mode near 0.5 of the unit cube, like BoTorch's) and
   * Gamma(2, 0.15) on the signal variance of standardized losses. Sets the gradient to -d(log
   * prior).
   */
  private static double logPrior(double[] theta, double[] gradient) {
    int dims = theta.length - 2;
    double lp = 2 * theta[0] - 0.15 * Math.exp(theta[0]);
    if (gradient != null) {
      java.util.Arrays.fill(gradient, 0.0);
      gradient[0] = -(2 - 0.15 * Math.exp(theta[0]));
    }
    for (int d = 0; d < dims; d++) {
      double length = Math.exp(theta[1 + d]);
      lp += 3 * theta[1 + d] - 6 * length;
      if (gradient != null) {
        gradient[1 + d] = -(3 - 6 * length);
      }
    }
    return lp;
  }

  /** Adds -0.5 tr((alpha alphaᵀ - K⁻¹) dK/dtheta_j) for every j. */
  private void addLikelihoodGradient(
      Matern52 kernel, double[] r2, Cholesky c, double[] alpha, double[] gradient) {
    int n = y.length;

    double[] inverse = c.inverse();
    double signalGradient = 0;
    double noiseGradient = 0;
    double[] lengthGradient = new double[dims];
    double[] inv2 = new double[dims];
    for (int d = 0; d < dims; d++) {
      inv2[d] = kernel.inverseLengths[d] * kernel.inverseLengths[d];
    }
    for (int i = 0, p = 0; i < n; i++) {
      double wii = alpha[i] * alpha[i] - inverse[i * n + i];
      signalGradient += wii * kernel.signal;
      noiseGradient += wii * kernel.noise;
      for (int j = 0; j < i; j++, p++) {
        // Off-diagonal terms appear twice in the symmetric trace.
        double w = 2 * (alpha[i] * alpha[j] - inverse[i * n + j]);
        double r = Math.sqrt(r2[p]);
        double e = kernel.signal * Math.exp(-Matern52.SQRT5 * r);
        signalGradient += w * e * (1 + Matern52.SQRT5 * r + 5.0 / 3.0 * r * r);
        // dk/dlog l_d = 5/3 s (1 + sqrt5 r) exp(-sqrt5 r) (delta_d / l_d)^2.
        double common = w * 5.0 / 3.0 * e * (1 + Matern52.SQRT5 * r);
        int q = p * dims;
        for (int d = 0; d < dims; d++) {
          lengthGradient[d] += common * differences[q + d] * inv2[d];
        }
      }
    }
    gradient[0] -= 0.5 * signalGradient;
    for (int d = 0; d < dims; d++) {
      gradient[1 + d] -= 0.5 * lengthGradient[d];
    }
    gradient[dims + 1] -= 0.5 * noiseGradient;
  }
}
