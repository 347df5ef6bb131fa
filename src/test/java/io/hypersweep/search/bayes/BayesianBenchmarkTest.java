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

  @Test
  void millisecondsPerSuggestion() {
    SearchSpace space = Benchmarks.hartmann6Space();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int n : new int[] {100, 100, 500, 1000}) {
      java.util.List<io.hypersweep.search.SearchHistory.CompletedTrial> done =
          new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        double[] u = new double[6];
        for (int j = 0; j < 6; j++) {
          u[j] = r.nextDouble();
        }
        var p = space.render(u);
        done.add(
            new io.hypersweep.search.SearchHistory.CompletedTrial(
                p, Benchmarks.hartmann6(p), false));
      }
      var history = new io.hypersweep.search.SearchHistory(done, java.util.List.of());
      BayesianSampler sampler = new BayesianSampler(space, 0, null);
      int reps = n <= 100 ? 11 : 3;
      double[] ms = new double[reps];
      double[] cpu = new double[reps];
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      for (int k = 0; k < reps; k++) {
        long c = os.getProcessCpuTime();
        long t = System.nanoTime();
        sampler.suggest(n + 1 + k, history);
        ms[k] = (System.nanoTime() - t) / 1e6;
        cpu[k] = (os.getProcessCpuTime() - c) / 1e6;
      }
      // The machine may be shared; process CPU time (both cores summed) is the steadier figure.
      System.out.printf(
          "TIMING n=%d median wall %.1f ms, median process cpu %.1f ms%n",
          n, Benchmarks.median(ms), Benchmarks.median(cpu));
    }
  }
}
