package io.hypersweep.bench;

import static io.hypersweep.api.Algorithm.BAYESIAN;
import static io.hypersweep.api.Algorithm.RANDOM;
import static io.hypersweep.api.Algorithm.SOBOL;
import static io.hypersweep.api.Algorithm.TPE;
import static io.hypersweep.bench.BenchFunction.BRANIN;
import static io.hypersweep.bench.BenchFunction.HARTMANN3;
import static io.hypersweep.bench.BenchFunction.HARTMANN6;

import io.hypersweep.api.Algorithm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reference figures: the quality targets, the exact expected best of random search, and Optuna
 * 5.0.0's measurements (shared/reference/anchors.md).
 */
public final class Targets {

  private Targets() {}

  /** What a target constrains. */
  public enum Kind {
    /** Median over seeds of (best − optimum) is at most the threshold. */
    MEDIAN_REGRET_AT_MOST,
    /** Mean over seeds of the best value is at most the threshold. */
    MEAN_BEST_AT_MOST,
    /** Mean best is within two standard errors of the threshold (an exact expectation). */
    MEAN_BEST_WITHIN_2SE
  }

  /**
   * One target.
   *
   * @param optuna Optuna 5.0.0's figure for the same quantity, or "" when it has none
   */
  public record Target(
      BenchFunction function,
      Algorithm algorithm,
      int budget,
      Kind kind,
      double threshold,
      String optuna) {

    /** The target in words, e.g. "median regret ≤ 1e-4". */
    public String describe() {
      String value = BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
      return switch (kind) {
        case MEDIAN_REGRET_AT_MOST -> "median regret ≤ " + value;
        case MEAN_BEST_AT_MOST -> "mean best ≤ " + value;
        case MEAN_BEST_WITHIN_2SE -> "mean best within 2 SE of exact " + value;
      };
    }
  }

  /**
   * Exact expected best value of pure random search after N trials (Monte Carlo over 2000
   * repetitions), by function and N.
   */
  public static final Map<BenchFunction, Map<Integer, Double>> RANDOM_EXPECTATION =
      Map.of(
          BRANIN, Map.of(50, 1.431, 100, 0.922, 200, 0.652),
          HARTMANN6, Map.of(50, -1.778, 100, -2.053, 200, -2.289),
          HARTMANN3, Map.of(50, -3.439, 100, -3.601, 200, -3.699));

  /** Optuna 5.0.0 (2 cores, 20 seeds): best value, as the anchors report it. */
  public static final List<OptunaRow> OPTUNA =
      List.of(
          new OptunaRow(BRANIN, 50, "1.45 ± 1.01", "0.536 ± 0.136", "0.398 (median regret 7e-5)"),
          new OptunaRow(BRANIN, 100, "0.879", "0.421", "0.398"),
          new OptunaRow(HARTMANN6, 50, "−1.74", "−2.92", "−3.14 (median regret 0.009)"),
          new OptunaRow(
              HARTMANN6,
              100,
              "−2.15",
              "−3.18",
              "−3.18 (median regret 2e-4; 4 of 20 runs stuck in local optima)"));

  /** One row of Optuna's table. */
  public record OptunaRow(
      BenchFunction function, int budget, String random, String tpe, String gp) {}

  /** Every target, learning samplers first. */
  public static List<Target> all() {
    List<Target> targets = new ArrayList<>();
    targets.add(new Target(BRANIN, BAYESIAN, 50, Kind.MEDIAN_REGRET_AT_MOST, 1e-4, "7e-5"));
    targets.add(new Target(HARTMANN6, BAYESIAN, 100, Kind.MEDIAN_REGRET_AT_MOST, 1e-3, "2e-4"));
    targets.add(new Target(HARTMANN6, BAYESIAN, 100, Kind.MEAN_BEST_AT_MOST, -3.25, "−3.18"));
    targets.add(new Target(HARTMANN6, TPE, 100, Kind.MEAN_BEST_AT_MOST, -3.18, "−3.18"));
    targets.add(new Target(BRANIN, TPE, 100, Kind.MEAN_BEST_AT_MOST, 0.42, "0.421"));
    for (Algorithm a : List.of(RANDOM, SOBOL)) {
      for (BenchFunction f : List.of(BRANIN, HARTMANN6, HARTMANN3)) {
        for (int n : List.of(50, 100, 200)) {
          targets.add(
              new Target(
                  f,
                  a,
                  n,
                  Kind.MEAN_BEST_WITHIN_2SE,
                  RANDOM_EXPECTATION.get(f).get(n),
                  a == RANDOM ? optunaRandom(f, n) : ""));
        }
      }
    }
    return targets;
  }

  private static String optunaRandom(BenchFunction f, int n) {
    return OPTUNA.stream()
        .filter(r -> r.function() == f && r.budget() == n)
        .map(OptunaRow::random)
        .findFirst()
        .orElse("");
  }
}
