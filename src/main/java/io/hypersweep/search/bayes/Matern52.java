package io.hypersweep.search.bayes;

/**
 * Matérn 5/2 kernel with one length scale per input (ARD) and a signal variance, in log parameters:
 * {@code theta = [log signal, log length_1, ..., log length_D, log noise]}.
 */
final class Matern52 {

  static final double SQRT5 = Math.sqrt(5.0);

  final double signal;
  final double[] inverseLengths;
  final double noise;
  final double[] theta;

  Matern52(double[] theta) {
    this.theta = theta.clone();
    int dimensions = theta.length - 2;
    this.signal = Math.exp(theta[0]);
    this.inverseLengths = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      inverseLengths[d] = Math.exp(-theta[1 + d]);
    }
    this.noise = Math.exp(theta[dimensions + 1]);
  }

  int dimensions() {
    return inverseLengths.length;
  }

  /** The inputs divided by the length scales, so kernel values need only plain distances. */
  double[][] scale(double[][] x) {
    double[][] scaled = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      scaled[i] = scale(x[i]);
    }
    return scaled;
  }

  double[] scale(double[] x) {
    double[] s = new double[x.length];
    for (int d = 0; d < x.length; d++) {
      s[d] = x[d] * inverseLengths[d];
    }
    return s;
  }

  /** The kernel at two already scaled points. */
  double value(double[] a, double[] b) {
    double r = Math.sqrt(squaredDistance(a, b));
    return signal * (1 + SQRT5 * r + 5.0 / 3.0 * r * r) * Math.exp(-SQRT5 * r);
  }

  static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      sum += diff * diff;
    }
    return sum;
  }

  /** The kernel matrix with noise on the diagonal, row-major. */
  double[] matrix(double[][] scaled) {
    int n = scaled.length;
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      k[i * n + i] = signal + noise;
      for (int j = 0; j < i; j++) {
        double v = value(scaled[i], scaled[j]);
        k[i * n + j] = v;
        k[j * n + i] = v;
      }
    }
    return k;
  }
}
