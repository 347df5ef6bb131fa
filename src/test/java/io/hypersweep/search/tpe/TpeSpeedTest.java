package io.hypersweep.search.tpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchHistory.CompletedTrial;
import io.hypersweep.search.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prints the time per suggestion at 100 and 1000 observations; no wall-clock assertion. */
class TpeSpeedTest {

  private static double millisPerSuggestion(int observations, boolean multivariate) {
    SearchSpace space = Objectives.hartmann6Space();
    SplittableRandom random = new SplittableRandom(1);
    List<CompletedTrial> done = new ArrayList<>();
    for (int i = 0; i < observations; i++) {
      double[] u = new double[6];
      for (int j = 0; j < 6; j++) {
        u[j] = random.nextDouble();
      }
      var p = space.render(u);
      done.add(new CompletedTrial(p, Objectives.hartmann6(p), false));
    }
    SearchHistory history = new SearchHistory(done, List.of());
    io.hypersweep.api.TpeSettings settings = new io.hypersweep.api.TpeSettings();
    settings.multivariate = multivariate;
    TpeSampler tpe = new TpeSampler(space, 0, settings);
    int warmup = 200;
    int timed = observations >= 1000 ? 100 : 500;
    for (int n = 1; n <= warmup; n++) {
      assertThat(tpe.suggest(observations + n, history)).isPresent();
    }
    long t0 = System.nanoTime();
    for (int n = 1; n <= timed; n++) {
      tpe.suggest(observations + n, history);
    }
    return (System.nanoTime() - t0) / 1e6 / timed;
  }

  @Test
  void printsMillisecondsPerSuggestion() {
    for (boolean multivariate : new boolean[] {true, false}) {
      for (int n : new int[] {100, 1000}) {
        System.out.printf(
            "TPE (multivariate=%s), Hartmann-6 space, %d observations: %.2f ms per suggestion%n",
            multivariate, n, millisPerSuggestion(n, multivariate));
      }
    }
  }
}
