package io.hypersweep.search.bayes;

import java.util.stream.IntStream;

/** Cholesky factor of a symmetric positive-definite matrix, stored row-major and flat. */
final class Cholesky {

  private final int n;
  private final double[] l;

  private Cholesky(int n, double[] l) {
    this.n = n;
    this.l = l;
  }

  /**
   * Factors {@code a} (n×n, row-major, only the lower triangle is read), adding growing jitter to
   * the diagonal when rounding makes a nearly singular kernel matrix indefinite.
   *
   * @return the factor, or null when even the largest jitter does not help
   */
  static Cholesky factorWithJitter(double[] a, int n) {
    Cholesky c = factor(a, n, 0.0);
    if (c != null) {
      return c;
    }
    double meanDiagonal = 0;
    for (int i = 0; i < n; i++) {
      meanDiagonal += a[i * n + i];
    }
    meanDiagonal = Math.max(meanDiagonal / n, 1e-300);
    for (double jitter = 1e-10; jitter <= 1e-2; jitter *= 10) {
      c = factor(a, n, jitter * meanDiagonal);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** Returns null when the matrix plus jitter is not positive definite. */
  static Cholesky factor(double[] a, int n, double jitter) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j <= i; j++) {
        int rj = j * n;
        double sum = a[ri + j];
        for (int k = 0; k < j; k++) {
          sum -= l[ri + k] * l[rj + k];
        }
        if (i == j) {
          sum += jitter;
          if (!(sum > 0)) {
            return null;
          }
          l[ri + i] = Math.sqrt(sum);
        } else {
          l[ri + j] = sum / l[rj + j];
        }
      }
    }
    return new Cholesky(n, l);
  }

  int size() {
    return n;
  }

  /** log det of the factored matrix. */
  double logDeterminant() {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.log(l[i * n + i]);
    }
    return 2 * sum;
  }

  /** L⁻¹ b, written into {@code out} (which may be b itself). */
  void forward(double[] b, double[] out) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[ri + k] * out[k];
      }
      out[i] = sum / l[ri + i];
    }
  }

  /** A⁻¹ b. */
  double[] solve(double[] b) {
    double[] z = new double[n];
    forward(b, z);
    for (int i = n - 1; i >= 0; i--) {
      double sum = z[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k * n + i] * z[k];
      }
      z[i] = sum / l[i * n + i];
    }
    return z;
  }

  /**
   * The full inverse A⁻¹, row-major; O(n³), used only on the hyperparameter-fitting subset. Columns
   * and rows are independent, so both halves run in parallel without changing a bit of the result.
   */
  double[] inverse() {
    // u = L⁻ᵀ (upper triangular), so A⁻¹ = u uᵀ and rows of u are contiguous in the product.
    double[] u = new double[n * n];
    IntStream.range(0, n).parallel().forEach(j -> invertColumn(j, u));
    double[] inv = new double[n * n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < n; k++) {
                  sum += u[i * n + k] * u[j * n + k];
                }
                inv[i * n + j] = sum;
                inv[j * n + i] = sum;
              }
            });
    return inv;
  }

  /** Column j of L⁻¹, stored as row j of u; it is zero above j. */
  private void invertColumn(int j, double[] u) {
    int rj = j * n;
    u[rj + j] = 1.0 / l[rj + j];
    for (int i = j + 1; i < n; i++) {
      int ri = i * n;
      double sum = 0;
      for (int k = j; k < i; k++) {
        sum -= l[ri + k] * u[rj + k];
      }
      u[rj + i] = sum / l[ri + i];
    }
  }
}
