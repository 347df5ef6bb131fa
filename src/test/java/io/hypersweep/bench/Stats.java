package io.hypersweep.bench;

import java.util.Arrays;

/** Helper: summary statistics over samples (mean, sample sd, standard error, quantiles). */
public final class Stats {

  private Stats() {}

  public static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  public static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  /** Standard error of the mean. */
  public static double se(double[] v) {
    return sd(v) / Math.sqrt(v.length);
  }

  public static double median(double[] v) {
    return quantile(v, 0.5);
  }

  /** The q-quantile with linear interpolation between order statistics (numpy's default). */
  public static double quantile(double[] v, double q) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }
}
