package io.hypersweep.termination;

import io.hypersweep.metrics.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: builds trial curves by hand or at random. */
final class Curves {

  private Curves() {}

  /** A curve with a report at every step 1..values.length. */
  static TrialCurve running(int number, double... values) {
    return new TrialCurve(number, true, points(values));
  }

  static TrialCurve finished(int number, double... values) {
    return new TrialCurve(number, false, points(values));
  }

  static List<MetricPoint> points(double... values) {
    List<MetricPoint> pts = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      pts.add(new MetricPoint(i + 1, values[i]));
    }
    return pts;
  }

  /** A curve reported only at the given steps. */
  static TrialCurve sparse(int number, boolean running, long[] steps, double[] values) {
    List<MetricPoint> pts = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      pts.add(new MetricPoint(steps[i], values[i]));
    }
    return new TrialCurve(number, running, pts);
  }

  /** Noisy saturating curves of random lengths, some with skipped steps, about half running. */
  static List<TrialCurve> random(Random rnd, int trials, int maxSteps) {
    List<TrialCurve> out = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      double scale = rnd.nextDouble();
      double rate = 0.05 + rnd.nextDouble() * 0.5;
      int length = 1 + rnd.nextInt(maxSteps);
      List<MetricPoint> pts = new ArrayList<>();
      for (int s = 1; s <= length; s++) {
        if (s > 1 && s < length && rnd.nextDouble() < 0.15) {
          continue;
        }
        double v = scale * (1 - Math.exp(-rate * s)) + 0.03 * rnd.nextGaussian();
        // coarse rounding makes ties common, so tie-breaking is exercised too
        pts.add(new MetricPoint(s, Math.round(v * 50) / 50.0));
      }
      out.add(new TrialCurve(t, rnd.nextBoolean(), pts));
    }
    return out;
  }
}
