package io.hypersweep.search.bayes;

import io.hypersweep.search.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Prints quality figures on Branin and Hartmann-6; run with -Dbayes.bench=true. */
@EnabledIfSystemProperty(named = "bayes.bench", matches = "true")
class BayesianBenchmarkTest {

  @Test
  void branin50() {
    int seeds = Integer.getInteger("bayes.seeds", 5);
    SearchSpace space = Benchmarks.braninSpace();
    double[] regret = new double[seeds];
    long start = System.nanoTime();
    for (int s = 0; s < seeds; s++) {
      double[] best = Benchmarks.run(new BayesianSampler(space, s, null), Benchmarks::branin, 50);
      regret[s] = best[49] - Benchmarks.BRANIN_MIN;
      System.out.printf(
          "branin seed %d regret@30 %.3g @50 %.3g%n",
          s, best[29] - Benchmarks.BRANIN_MIN, regret[s]);
    }
    System.out.printf(
        "BRANIN@50 median regret %.3g (%.1f s)%n",
        Benchmarks.median(regret), (System.nanoTime() - start) / 1e9);
  }

  @Test
  void hartmann6at100() {
    int seeds = Integer.getInteger("bayes.seeds", 5);
    SearchSpace space = Benchmarks.hartmann6Space();
    double[] regret = new double[seeds];
    double mean = 0;
    long start = System.nanoTime();
    for (int s = 0; s < seeds; s++) {
      double[] best =
          Benchmarks.run(new BayesianSampler(space, s, null), Benchmarks::hartmann6, 100);
      regret[s] = best[99] - Benchmarks.HARTMANN6_MIN;
      mean += best[99] / seeds;
      System.out.printf("h6 seed %d best@50 %.4f @100 %.4f%n", s, best[49], best[99]);
    }
    System.out.printf(
        "HARTMANN6@100 median regret %.3g mean best %.4f (%.1f s)%n",
        Benchmarks.median(regret), mean, (System.nanoTime() - start) / 1e9);
  }
}
