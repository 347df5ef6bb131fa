package io.hypersweep.bench;

import java.util.Arrays;
import java.util.Locale;

/** Benchmark objective: a standard test function to minimize, with its box domain and optimum. */
public enum BenchFunction {
  BRANIN("branin", "Branin", new double[] {-5, 0}, new double[] {10, 15}, 0.397887357730) {
    @Override
    public double evaluate(double[] x) {
      double b = 5.1 / (4 * Math.PI * Math.PI);
      double c = 5 / Math.PI;
      double t = 1 / (8 * Math.PI);
      double q = x[1] - b * x[0] * x[0] + c * x[0] - 6;
      return q * q + 10 * (1 - t) * Math.cos(x[0]) + 10;
    }
  },
  HARTMANN3("hartmann3", "Hartmann-3", filled(3, 0), filled(3, 1), -3.86278) {
    @Override
    public double evaluate(double[] x) {
      return hartmann(x, H3_A, H3_P);
    }
  },
  HARTMANN6("hartmann6", "Hartmann-6", filled(6, 0), filled(6, 1), -3.32237) {
    @Override
    public double evaluate(double[] x) {
      return hartmann(x, H6_A, H6_P);
    }
  },
  CAMEL("camel", "Six-hump camel", new double[] {-3, -2}, new double[] {3, 2}, -1.0316284535) {
    @Override
    public double evaluate(double[] x) {
      double a = x[0];
      double b = x[1];
      double a2 = a * a;
      double b2 = b * b;
      return (4 - 2.1 * a2 + a2 * a2 / 3) * a2 + a * b + (-4 + 4 * b2) * b2;
    }
  },
  ROSENBROCK4("rosenbrock4", "Rosenbrock-4", filled(4, -5), filled(4, 10), 0.0) {
    @Override
    public double evaluate(double[] x) {
      double sum = 0;
      for (int i = 0; i + 1 < x.length; i++) {
        double u = x[i + 1] - x[i] * x[i];
        double v = x[i] - 1;
        sum += 100 * u * u + v * v;
      }
      return sum;
    }
  };

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};

  private static final double[][] H3_A = {
    {3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35},
  };
  private static final double[][] H3_P = {
    {3689e-4, 1170e-4, 2673e-4},
    {4699e-4, 4387e-4, 7470e-4},
    {1091e-4, 8732e-4, 5547e-4},
    {381e-4, 5743e-4, 8828e-4},
  };
  private static final double[][] H6_A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14},
  };
  private static final double[][] H6_P = {
    {1312e-4, 1696e-4, 5569e-4, 124e-4, 8283e-4, 5886e-4},
    {2329e-4, 4135e-4, 8307e-4, 3736e-4, 1004e-4, 9991e-4},
    {2348e-4, 1451e-4, 3522e-4, 2883e-4, 3047e-4, 6650e-4},
    {4047e-4, 8828e-4, 8732e-4, 5743e-4, 1091e-4, 381e-4},
  };

  private final String id;
  private final String title;
  private final double[] lower;
  private final double[] upper;
  private final double optimum;

  BenchFunction(String id, String title, double[] lower, double[] upper, double optimum) {
    this.id = id;
    this.title = title;
    this.lower = lower;
    this.upper = upper;
    this.optimum = optimum;
  }

  /** The value at {@code x}, whose length is {@link #dimensions()}. */
  public abstract double evaluate(double[] x);

  /** The short name used in options and output, e.g. {@code hartmann6}. */
  public String id() {
    return id;
  }

  /** The display name, e.g. {@code Hartmann-6}. */
  public String title() {
    return title;
  }

  public int dimensions() {
    return lower.length;
  }

  public double lower(int i) {
    return lower[i];
  }

  public double upper(int i) {
    return upper[i];
  }

  /** The known global minimum. */
  public double optimum() {
    return optimum;
  }

  /** Looks a function up by {@link #id()}, ignoring case. */
  public static BenchFunction byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown function " + id + "; known: " + Arrays.toString(ids())));
  }

  static String[] ids() {
    return Arrays.stream(values()).map(BenchFunction::id).toArray(String[]::new);
  }

  private static double hartmann(double[] x, double[][] a, double[][] p) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < x.length; j++) {
        double d = x[j] - p[i][j];
        inner += a[i][j] * d * d;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  private static double[] filled(int n, double value) {
    double[] v = new double[n];
    Arrays.fill(v, value);
    return v;
  }
}
