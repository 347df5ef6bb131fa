package io.hypersweep.search.tpe;

import io.hypersweep.api.ParameterSpec;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.search.SearchSpaceParse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Test fixture: benchmark functions, their spaces, and a sequential optimization loop. */
final class Objectives {

  private Objectives() {}

  static ParameterSpec uniform(double min, double max) {
    ParameterSpec p = new ParameterSpec();
    p.uniform = List.of(min, max);
    return p;
  }

  static SearchSpace space(Map<String, ParameterSpec> parameters) {
    SearchSpaceParse parse = SearchSpace.parse(parameters);
    if (!parse.isValid()) {
      throw new AssertionError("expected a valid space, got " + parse.errors());
    }
    return parse.space();
  }

  static SearchSpace braninSpace() {
    return space(Map.of("x1", uniform(-5, 10), "x2", uniform(0, 15)));
  }

  static double branin(Map<String, String> p) {
    double x1 = Double.parseDouble(p.get("x1"));
    double x2 = Double.parseDouble(p.get("x2"));
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double r = x2 - b * x1 * x1 + c * x1 - 6;
    return r * r + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  static SearchSpace hartmann6Space() {
    Map<String, ParameterSpec> parameters = new TreeMap<>();
    for (int i = 0; i < 6; i++) {
      parameters.put("x" + i, uniform(0, 1));
    }
    return space(parameters);
  }

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] P = {
    {1312, 1696, 5569, 124, 8283, 5886},
    {2329, 4135, 8307, 3736, 1004, 9991},
    {2348, 1451, 3522, 2883, 3047, 6650},
    {4047, 8828, 8732, 5743, 1091, 381}
  };

  static double hartmann6(Map<String, String> p) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = Double.parseDouble(p.get("x" + j)) - P[i][j] * 1e-4;
        inner += A[i][j] * d * d;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  /** Runs {@code trials} sequential trials (trial i sees 1..i-1) and returns the best loss. */
  static double bestOf(
      Sampler sampler, int trials, ToDoubleFunction<Map<String, String>> objective) {
    List<SearchHistory.CompletedTrial> done = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= trials; i++) {
      SortedMap<String, String> p =
          sampler.suggest(i, new SearchHistory(done, List.of())).orElseThrow();
      double loss = objective.applyAsDouble(p);
      best = Math.min(best, loss);
      done.add(new SearchHistory.CompletedTrial(p, loss, false));
    }
    return best;
  }
}
