package io.hypersweep.search.bayes;

import io.hypersweep.search.ChoiceDimension;
import io.hypersweep.search.ContinuousDimension;
import io.hypersweep.search.Dimension;
import io.hypersweep.search.SearchSpace;
import java.util.Map;
import java.util.SortedMap;

/**
 * Maps unit-cube points of a search space to the GP's inputs: numeric dimensions keep their unit
 * coordinate (already linear in log space for log expressions and in quantiles for normal ones), a
 * {@code choice} becomes one-hot, because its values have no order the kernel could use.
 */
final class Encoding {

  /** A representable point: its unit coordinates, GP features and (lazily) rendered values. */
  static final class Point {
    private final SearchSpace space;
    private final double[] unit;
    private final double[] features;
    private SortedMap<String, String> parameters;

    Point(SearchSpace space, double[] unit, double[] features) {
      this.space = space;
      this.unit = unit;
      this.features = features;
    }

    double[] unit() {
      return unit;
    }

    double[] features() {
      return features;
    }

    /** Rendered on demand: formatting thousands of scored candidates would dominate the time. */
    synchronized SortedMap<String, String> parameters() {
      if (parameters == null) {
        parameters = space.render(unit);
      }
      return parameters;
    }
  }

  private final SearchSpace space;
  private final int[] offsets;
  private final int[] choices;
  private final int width;

  Encoding(SearchSpace space) {
    this.space = space;
    int d = space.dimensionCount();
    offsets = new int[d];
    choices = new int[d];
    int w = 0;
    for (int i = 0; i < d; i++) {
      Dimension dim = space.dimensions().get(i);
      offsets[i] = w;
      if (dim instanceof ChoiceDimension c) {
        choices[i] = c.values().size();
        // A single choice is constant and would only add a useless length scale.
        w += choices[i] > 1 ? choices[i] : 0;
      } else {
        w += 1;
      }
    }
    width = Math.max(w, 1);
  }

  int dimensionCount() {
    return offsets.length;
  }

  boolean isChoice(int dimension) {
    return choices[dimension] > 0;
  }

  /**
   * Rounds a unit point to the nearest representable one (render, then back), so the model scores
   * what would actually run: integers, quantized grids and choices.
   */
  Point snap(double[] unit) {
    double[] snapped = new double[unit.length];
    for (int i = 0; i < unit.length; i++) {
      Dimension d = space.dimensions().get(i);
      double u = Dimension.clampUnit(unit[i]);
      // A continuous value renders at full precision, so only discrete dimensions move.
      snapped[i] = d instanceof ContinuousDimension ? u : d.toUnit(d.valueAt(u));
    }
    return new Point(space, snapped, features(snapped));
  }

  /** The point for rendered values, e.g. of an observed trial. */
  Point of(Map<String, String> values) {
    double[] unit = space.toUnit(values);
    return snap(unit);
  }

  double[] features(double[] unit) {
    double[] x = new double[width];
    for (int i = 0; i < unit.length; i++) {
      int k = choices[i];
      if (k == 0) {
        x[offsets[i]] = unit[i];
      } else if (k > 1) {
        int index = Math.min((int) Math.floor(unit[i] * k), k - 1);
        x[offsets[i] + index] = 1.0;
      }
    }
    return x;
  }
}
