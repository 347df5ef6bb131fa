package io.hypersweep.search.tpe;

import io.hypersweep.api.ParameterSpec;
import io.hypersweep.bench.BenchFunction;
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
    return BenchFunction.BRANIN.evaluate(
        new double[] {Double.parseDouble(p.get("x1")), Double.parseDouble(p.get("x2"))});
  }

  static SearchSpace hartmann6Space() {
    Map<String, ParameterSpec> parameters = new TreeMap<>();
    for (int i = 0; i < 6; i++) {
      parameters.put("x" + i, uniform(0, 1));
    }
    return space(parameters);
  }

  /** Hartmann-6 over parameters x0..x5. */
  static double hartmann6(Map<String, String> p) {
    double[] x = new double[6];
    for (int j = 0; j < 6; j++) {
      x[j] = Double.parseDouble(p.get("x" + j));
    }
    return BenchFunction.HARTMANN6.evaluate(x);
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
