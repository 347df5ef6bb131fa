package io.hypersweep.search.tpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.TpeSettings;
import io.hypersweep.search.SamplerFixtures;
import io.hypersweep.search.SearchSpace;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Measures TPE's mean best loss on Branin and Hartmann-6 and prints it next to Optuna's. */
class TpeQualityTest {

  private static final int SEEDS = 20;

  private static double[] run(
      SearchSpace space, ToDoubleFunction<Map<String, String>> f, int trials, TpeSettings s) {
    double[] best = new double[SEEDS];
    for (int seed = 0; seed < SEEDS; seed++) {
      best[seed] = SamplerFixtures.bestOf(new TpeSampler(space, seed, s), trials, f);
    }
    return best;
  }

  @Test
  void braninAndHartmannReachOptunaLevels() {
    double[] branin = run(SamplerFixtures.braninSpace(), SamplerFixtures::branin, 100, null);
    double[] hartmann =
        run(SamplerFixtures.hartmann6Space(), SamplerFixtures::hartmann6, 100, null);
    double branin50 = mean(run(SamplerFixtures.braninSpace(), SamplerFixtures::branin, 50, null));
    double hartmann50 =
        mean(run(SamplerFixtures.hartmann6Space(), SamplerFixtures::hartmann6, 50, null));
    System.out.printf(
        "TPE over %d seeds: Branin@50 %.4f @100 %.4f (Optuna 0.536 / 0.421);"
            + " Hartmann-6@50 %.4f @100 %.4f (Optuna -2.92 / -3.18)%n",
        SEEDS, branin50, mean(branin), hartmann50, mean(hartmann));
    // Loose bounds well short of the targets; pure random search gets 0.92 and -2.05 here.
    assertThat(mean(branin)).isLessThan(0.6);
    assertThat(mean(hartmann)).isLessThan(-2.9);
  }

  static double mean(double[] xs) {
    return Arrays.stream(xs).average().orElseThrow();
  }
}
