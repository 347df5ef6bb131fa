package io.hypersweep.bench.termination;

import io.hypersweep.bench.Stats;
import io.hypersweep.termination.AshaSettings;
import io.hypersweep.termination.BanditSettings;
import io.hypersweep.termination.MedianStoppingSettings;
import io.hypersweep.termination.TerminationPolicy;
import io.hypersweep.termination.TerminationSettings;
import io.hypersweep.termination.TruncationSelectionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark command: replays synthetic sweeps through each termination policy and writes
 * target/bench/early-termination.json and docs/early-termination.md.
 *
 * <p>Run with {@code ./mvnw -B -Pbench-termination verify}; {@code -Dbench.reps=N} changes the
 * repetitions (default 20). Deltas are relative to the same seed's no-termination run, and the
 * metric lives in [0, 1], so its range is 1 and the 0.3% target is 0.003.
 */
public final class EarlyTerminationBenchmark {

  static final int CONFIGS = 81;
  static final int STEPS = 50;
  static final int WORKERS = 8;
  static final double RANGE = 1.0;

  /** One benchmarked setting. */
  record Case(String policy, String setting, TerminationSettings settings) {}

  /** Aggregates of one setting over the repetitions. */
  record Result(Case c, double[] compute, double[] delta, int trueBestStopped, int reps) {
    double pStopped() {
      return (double) trueBestStopped / reps;
    }

    boolean meetsTargets() {
      return Stats.mean(compute) <= 0.5
          && Math.abs(Stats.mean(delta)) <= 0.003 * RANGE
          && pStopped() <= 0.05;
    }
  }

  private EarlyTerminationBenchmark() {}

  static List<Case> cases() {
    Long max = (long) STEPS;
    return List.of(
        new Case("bandit", "factor 0.1, delay 5", BanditSettings.factor(0.1).withSchedule(1, 5)),
        new Case("bandit", "factor 0.2, delay 5", BanditSettings.factor(0.2).withSchedule(1, 5)),
        new Case("bandit", "factor 0.1, delay 10", BanditSettings.factor(0.1).withSchedule(1, 10)),
        new Case("bandit", "amount 0.1, delay 10", BanditSettings.amount(0.1).withSchedule(1, 10)),
        new Case("bandit", "amount 0.2, delay 10", BanditSettings.amount(0.2).withSchedule(1, 10)),
        new Case("medianStopping", "interval 1, delay 5", MedianStoppingSettings.defaults()),
        new Case("medianStopping", "interval 1, delay 10", new MedianStoppingSettings(1, 10, 3)),
        new Case("bandit", "amount 0.3, delay 15", BanditSettings.amount(0.3).withSchedule(1, 15)),
        new Case("medianStopping", "interval 1, delay 15", new MedianStoppingSettings(1, 15, 3)),
        new Case("medianStopping", "interval 5, delay 15", new MedianStoppingSettings(5, 15, 3)),
        new Case("truncationSelection", "10%, delay 0", TruncationSelectionSettings.defaults()),
        new Case(
            "truncationSelection", "10%, delay 10", new TruncationSelectionSettings(10, 1, 10, 3)),
        new Case(
            "truncationSelection", "25%, delay 10", new TruncationSelectionSettings(25, 1, 10, 3)),
        new Case(
            "truncationSelection", "50%, delay 20", new TruncationSelectionSettings(50, 1, 20, 3)),
        new Case(
            "truncationSelection", "25%, delay 20", new TruncationSelectionSettings(25, 1, 20, 3)),
        new Case("asha", "min 1, eta 3", new AshaSettings(1, max, 3)),
        new Case("asha", "min 3, eta 3", new AshaSettings(3, max, 3)),
        new Case("asha", "min 5, eta 3", new AshaSettings(5, max, 3)),
        new Case("asha", "min 5, eta 2", new AshaSettings(5, max, 2)),
        new Case("asha", "min 10, eta 2", new AshaSettings(10, max, 2)),
        new Case("asha", "min 15, eta 3", new AshaSettings(15, max, 3)));
  }

  public static void main(String[] args) throws IOException {
    int reps = Integer.getInteger("bench.reps", 20);
    long started = System.nanoTime();
    List<LearningCurves> sweeps = new ArrayList<>();
    Map<String, Integer> families = new java.util.TreeMap<>();
    double[] baseline = new double[reps];
    long baseSteps = (long) CONFIGS * STEPS;
    for (int r = 0; r < reps; r++) {
      LearningCurves lc = new LearningCurves(1000 + r, CONFIGS, STEPS);
      sweeps.add(lc);
      families.merge(lc.family[lc.trueBest()], 1, Integer::sum);
      AsyncReplay.Outcome none = AsyncReplay.run(lc, null, WORKERS, STEPS);
      baseline[r] = none.bestFinal();
      if (none.stepsRun() != baseSteps) {
        throw new IllegalStateException("baseline ran " + none.stepsRun() + " steps");
      }
    }
    System.out.println("family of the true best per repetition: " + families);
    List<Result> results = new ArrayList<>();
    for (Case c : cases()) {
      TerminationPolicy policy = TerminationPolicy.of(c.settings());
      double[] compute = new double[reps];
      double[] delta = new double[reps];
      int lost = 0;
      for (int r = 0; r < reps; r++) {
        AsyncReplay.Outcome o = AsyncReplay.run(sweeps.get(r), policy, WORKERS, STEPS);
        compute[r] = (double) o.stepsRun() / baseSteps;
        delta[r] = o.bestFinal() - baseline[r];
        lost += o.trueBestStopped() ? 1 : 0;
      }
      Result res = new Result(c, compute, delta, lost, reps);
      results.add(res);
      System.out.println(row(res));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, String> machine = io.hypersweep.bench.Machine.describe();
    Path json = Path.of("target/bench/early-termination.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, json(results, reps, machine, seconds), StandardCharsets.UTF_8);
    Path docs = Path.of(System.getProperty("bench.docs", "docs/early-termination.md"));
    Files.writeString(
        docs,
        EarlyTerminationReport.markdown(results, reps, machine, seconds),
        StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %s and %s in %.1f s%n", json, docs, seconds);
  }

  static String row(Result r) {
    return String.format(
        Locale.ROOT,
        "%-20s %-22s compute %.3f ± %.3f  delta %+.4f (min %+.4f)  p_best_stopped %.2f  %s",
        r.c().policy(),
        r.c().setting(),
        Stats.mean(r.compute()),
        Stats.se(r.compute()),
        Stats.mean(r.delta()),
        min(r.delta()),
        r.pStopped(),
        r.meetsTargets() ? "MEETS" : "misses");
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static String json(
      List<Result> results, int reps, Map<String, String> machine, double seconds) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "  \"configs\": %d, \"steps\": %d, \"workers\": %d, \"reps\": %d, \"range\": %.1f,"
                + " \"seconds\": %.1f,\n",
            CONFIGS,
            STEPS,
            WORKERS,
            reps,
            RANGE,
            seconds));
    sb.append("  \"machine\": {");
    List<String> kv = new ArrayList<>();
    machine.forEach((k, v) -> kv.add("\"" + k + "\": \"" + v.replace("\"", "'") + "\""));
    sb.append(String.join(", ", kv)).append("},\n  \"results\": [\n");
    List<String> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("policy", "\"" + r.c().policy() + "\"");
      m.put("setting", "\"" + r.c().setting() + "\"");
      m.put("compute_fraction", fmt(Stats.mean(r.compute())));
      m.put("compute_fraction_se", fmt(Stats.se(r.compute())));
      m.put("best_final_delta", fmt(Stats.mean(r.delta())));
      m.put("best_final_delta_se", fmt(Stats.se(r.delta())));
      m.put("best_final_delta_min", fmt(min(r.delta())));
      m.put("p_true_best_stopped", fmt(r.pStopped()));
      m.put("meets_targets", r.meetsTargets());
      List<String> f = new ArrayList<>();
      m.forEach((k, v) -> f.add("\"" + k + "\": " + v));
      rows.add("    {" + String.join(", ", f) + "}");
    }
    return sb.append(String.join(",\n", rows)).append("\n  ]\n}\n").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.5f", v);
  }
}
