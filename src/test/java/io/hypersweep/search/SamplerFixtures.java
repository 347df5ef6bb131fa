package io.hypersweep.search;

import io.hypersweep.api.ParameterSpec;
import io.hypersweep.bench.BenchFunction;
import io.hypersweep.search.SearchHistory.CompletedTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Search spaces, benchmark objectives and sequential sweep loops shared by sampler tests. */
public final class SamplerFixtures {

  private SamplerFixtures() {}

  public static final double BRANIN_MIN = 0.397887357730;
  public static final double HARTMANN6_MIN = -3.32237;

  public static ParameterSpec uniform(double low, double high) {
    ParameterSpec p = new ParameterSpec();
    p.uniform = List.of(low, high);
    return p;
  }

  public static SearchSpace space(Map<String, ParameterSpec> parameters) {
    var parse = SearchSpace.parse(parameters);
    if (!parse.isValid()) {
      throw new AssertionError(parse.errors());
    }
    return parse.space();
  }

  public static SearchSpace braninSpace() {
    return space(Map.of("x1", uniform(-5, 10), "x2", uniform(0, 15)));
  }

  public static double branin(Map<String, String> p) {
    return BenchFunction.BRANIN.evaluate(
        new double[] {Double.parseDouble(p.get("x1")), Double.parseDouble(p.get("x2"))});
  }

  public static SearchSpace hartmann6Space() {
    Map<String, ParameterSpec> m = new TreeMap<>();
    for (int i = 0; i < 6; i++) {
      m.put("x" + i, uniform(0, 1));
    }
    return space(m);
  }

  /** Hartmann-6 over parameters x0..x5. */
  public static double hartmann6(Map<String, String> p) {
    double[] x = new double[6];
    for (int j = 0; j < 6; j++) {
      x[j] = Double.parseDouble(p.get("x" + j));
    }
    return BenchFunction.HARTMANN6.evaluate(x);
  }

  /** Runs trials 1..n sequentially (trial i sees 1..i-1); returns the best loss after each. */
  public static double[] run(Sampler sampler, ToDoubleFunction<Map<String, String>> f, int n) {
    List<CompletedTrial> done = new ArrayList<>();
    double[] best = new double[n];
    double b = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= n; i++) {
      SortedMap<String, String> p =
          sampler.suggest(i, new SearchHistory(done, List.of())).orElseThrow();
      double loss = f.applyAsDouble(p);
      done.add(new CompletedTrial(p, loss, false));
      b = Math.min(b, loss);
      best[i - 1] = b;
    }
    return best;
  }

  public static double median(double[] values) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  /** Runs {@code trials} sequential trials (trial i sees 1..i-1) and returns the best loss. */
  public static double bestOf(
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
