package io.hypersweep.search.tpe;

import io.hypersweep.search.ChoiceDimension;
import io.hypersweep.search.Dimension;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The history as TPE sees it: the good group (lowest losses) and the bad group (the rest, failed
 * trials and trials in flight), as model coordinates in history order.
 *
 * @param good the good group, oldest first
 * @param bad the bad group, oldest first, trials in flight last
 * @param finished how many completed trials have a loss (not failed) and fit the space
 */
record HistorySplit(List<double[]> good, List<double[]> bad, int finished) {

  /** Optuna's cap on the good group, so it stays focused as the history grows. */
  static final int MAX_GOOD = 25;

  /** Per dimension, 0 for numeric or the number of categories; the layout the estimator uses. */
  static int[] choiceCounts(SearchSpace space) {
    return space.dimensions().stream()
        .mapToInt(d -> d instanceof ChoiceDimension c ? c.values().size() : 0)
        .toArray();
  }

  /**
   * Splits {@code history} with a good group of min(ceil(gamma·n), 25) out of the n finished
   * trials. Trials whose parameters no longer fit the space (say, warm-start priors from a sweep
   * with other choices) are left out rather than failing the sweep.
   */
  static HistorySplit of(SearchSpace space, SearchHistory history, double gamma) {
    List<double[]> points = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    for (SearchHistory.CompletedTrial trial : history.completed()) {
      double[] point = modelPoint(space, trial.parameters());
      if (point != null) {
        points.add(point);
        // An infinite loss carries no ranking information either, so it counts as failed.
        losses.add(Double.isFinite(trial.loss()) ? trial.loss() : Double.NaN);
      }
    }
    int[] finished =
        IntStream.range(0, points.size()).filter(i -> !Double.isNaN(losses.get(i))).toArray();
    int n = finished.length;
    int goodSize = Math.min((int) Math.ceil(gamma * n), MAX_GOOD);
    // Ties go to the older trial so the split is a function of the history alone.
    int[] ranked =
        IntStream.of(finished)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> losses.get(i)).thenComparing(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    boolean[] isGood = new boolean[points.size()];
    for (int r = 0; r < goodSize; r++) {
      isGood[ranked[r]] = true;
    }
    List<double[]> good = new ArrayList<>();
    List<double[]> bad = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      (isGood[i] ? good : bad).add(points.get(i));
    }
    // Constant liar: a trial in flight counts as bad, so parallel suggestions spread out.
    for (Map<String, String> parameters : history.pending()) {
      double[] point = modelPoint(space, parameters);
      if (point != null) {
        bad.add(point);
      }
    }
    return new HistorySplit(good, bad, n);
  }

  /**
   * The unit point of rendered values, categorical coordinates replaced by category indices; null
   * when the values do not fit the space.
   */
  static double[] modelPoint(SearchSpace space, Map<String, String> parameters) {
    List<Dimension> dims = space.dimensions();
    double[] point = new double[dims.size()];
    for (int j = 0; j < point.length; j++) {
      Dimension d = dims.get(j);
      String value = parameters.get(d.name());
      if (value == null) {
        return null;
      }
      if (d instanceof ChoiceDimension c) {
        int index = c.values().indexOf(value);
        if (index < 0) {
          return null;
        }
        point[j] = index;
      } else {
        try {
          point[j] = d.toUnit(value);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return point;
  }
}
