package io.hypersweep.bench;

import static io.hypersweep.api.Algorithm.BAYESIAN;
import static io.hypersweep.api.Algorithm.RANDOM;
import static io.hypersweep.api.Algorithm.SOBOL;
import static io.hypersweep.api.Algorithm.TPE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hypersweep.api.Algorithm;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchHistory.CompletedTrial;
import io.hypersweep.search.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Command: the search-quality benchmark. For each function × sampler × seed it runs one sequential
 * sweep to the sampler's largest budget and writes {@code target/bench/search.json} and the
 * markdown report ({@code docs/benchmarks.md} for a full run).
 *
 * <p>Options are system properties: {@code bench.seeds} (20), {@code bench.functions} (all), {@code
 * bench.samplers} (random,sobol,bayesian,tpe), {@code bench.gpHistory} (100,500,1000, or none),
 * {@code bench.gpRepeats} (3), {@code bench.out} (target/bench), {@code bench.docs}.
 */
public final class SearchBenchmark {

  static final List<Algorithm> SAMPLERS = List.of(RANDOM, SOBOL, BAYESIAN, TPE);
  static final int[] BUDGETS = {20, 50, 100, 200};
  static final List<Integer> GP_HISTORY = List.of(100, 500, 1000);
  static final int DEFAULT_SEEDS = 20;
  static final String COMMAND = "./mvnw -B -Pbench verify";

  private SearchBenchmark() {}

  /** The largest budget a sampler is run to: bayesian stops at 100. */
  static int maxBudget(Algorithm a) {
    return a == BAYESIAN ? 100 : 200;
  }

  /** Budgets recorded for a sampler. */
  static int[] budgets(Algorithm a) {
    return Arrays.stream(BUDGETS).filter(b -> b <= maxBudget(a)).toArray();
  }

  /** The run's settings, read from system properties. */
  record Options(
      int seeds,
      List<BenchFunction> functions,
      List<Algorithm> samplers,
      List<Integer> gpHistory,
      int gpRepeats,
      Path out,
      Path docs,
      String command) {

    static Options fromSystemProperties() {
      int seeds = Integer.parseInt(prop("bench.seeds", String.valueOf(DEFAULT_SEEDS)));
      String fn = prop("bench.functions", "all");
      List<BenchFunction> functions =
          fn.equals("all")
              ? List.of(BenchFunction.values())
              : Arrays.stream(fn.split(",")).map(BenchFunction::byId).toList();
      String sm = prop("bench.samplers", "all");
      List<Algorithm> samplers =
          sm.equals("all")
              ? SAMPLERS
              : Arrays.stream(sm.split(","))
                  .map(s -> Algorithm.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                  .toList();
      String gp = prop("bench.gpHistory", "100,500,1000");
      List<Integer> gpHistory =
          gp.equals("none")
              ? List.of()
              : Arrays.stream(gp.split(",")).map(s -> Integer.parseInt(s.trim())).toList();
      int gpRepeats = Integer.parseInt(prop("bench.gpRepeats", "3"));
      Path out = Path.of(prop("bench.out", "target/bench"));
      boolean full =
          seeds == DEFAULT_SEEDS
              && functions.equals(List.of(BenchFunction.values()))
              && samplers.equals(SAMPLERS)
              && gpHistory.equals(GP_HISTORY);
      // A quick run must not overwrite the committed report.
      String docs = prop("bench.docs", full ? "docs/benchmarks.md" : "");
      StringBuilder command = new StringBuilder(COMMAND);
      for (String key :
          List.of(
              "bench.seeds",
              "bench.functions",
              "bench.samplers",
              "bench.gpHistory",
              "bench.gpRepeats")) {
        String v = System.getProperty(key, "");
        if (!v.isBlank() && !isDefault(key, v)) {
          command.append(" -D").append(key).append('=').append(v);
        }
      }
      return new Options(
          seeds,
          functions,
          samplers,
          gpHistory,
          gpRepeats,
          out,
          docs.isBlank() ? out.resolve("benchmarks.md") : Path.of(docs),
          command.toString());
    }

    private static boolean isDefault(String key, String v) {
      return switch (key) {
        case "bench.seeds" -> v.equals(String.valueOf(DEFAULT_SEEDS));
        case "bench.functions", "bench.samplers" -> v.equals("all");
        case "bench.gpHistory" -> v.equals("100,500,1000");
        case "bench.gpRepeats" -> v.equals("3");
        default -> false;
      };
    }

    /** A system property, where blank (as Maven passes an unset one) means the default. */
    private static String prop(String key, String fallback) {
      String v = System.getProperty(key);
      return v == null || v.isBlank() ? fallback : v.trim();
    }
  }

  /**
   * The figures of one (function, sampler, budget).
   *
   * @param bests the best value of each seed's sweep after {@code budget} trials
   */
  record Cell(
      BenchFunction function,
      Algorithm sampler,
      int budget,
      double[] bests,
      double meanBest,
      double sdBest,
      double medianRegret,
      double msMedian,
      double msP95) {

    int seeds() {
      return bests.length;
    }

    double seBest() {
      return Stats.se(bests);
    }
  }

  /** Suggestion times of the GP sampler with a history of {@code history} finished trials. */
  record GpTiming(int history, double[] millis) {}

  /** Everything a run measured. */
  record Outcome(
      Options options,
      Map<String, String> machine,
      List<Cell> cells,
      Map<Algorithm, String> skipped,
      List<GpTiming> gpTimings,
      String gpNote,
      double seconds) {

    Optional<Cell> cell(BenchFunction f, Algorithm a, int budget) {
      return cells.stream()
          .filter(c -> c.function() == f && c.sampler() == a && c.budget() == budget)
          .findFirst();
    }
  }

  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    Options options = Options.fromSystemProperties();
    log(
        "search benchmark: %d seeds, functions %s, samplers %s",
        options.seeds(),
        options.functions().stream().map(BenchFunction::id).toList(),
        options.samplers().stream().map(Algorithm::manifestName).toList());

    Map<Algorithm, String> skipped = new LinkedHashMap<>();
    List<Algorithm> available = new ArrayList<>();
    for (Algorithm a : options.samplers()) {
      Optional<String> why = Sweeps.unavailable(a);
      if (why.isPresent()) {
        skipped.put(a, why.get());
        log("SKIP %s: Samplers.create says \"%s\"", a.manifestName(), why.get());
      } else {
        available.add(a);
      }
    }

    // Warm the JIT so the first cell's suggestion times are not inflated.
    for (Algorithm a : available) {
      Sweeps.run(BenchFunction.BRANIN, a, 1_000_003L, 30);
    }

    List<Cell> cells = new ArrayList<>();
    for (BenchFunction f : options.functions()) {
      for (Algorithm a : available) {
        cells.addAll(measure(f, a, options.seeds()));
      }
    }

    List<GpTiming> gpTimings = new ArrayList<>();
    String gpNote;
    if (options.gpHistory().isEmpty()) {
      gpNote = "not measured (bench.gpHistory=none)";
    } else if (skipped.containsKey(BAYESIAN) || !options.samplers().contains(BAYESIAN)) {
      gpNote =
          "skipped: "
              + skipped.getOrDefault(BAYESIAN, "bayesian not among bench.samplers")
              + " (Samplers.create)";
      log("SKIP GP suggestion time: %s", gpNote);
    } else {
      gpNote = "";
      for (int n : options.gpHistory()) {
        gpTimings.add(gpTiming(n, options.gpRepeats()));
      }
    }

    double seconds = (System.nanoTime() - start) / 1e9;
    Outcome outcome =
        new Outcome(options, Machine.describe(), cells, skipped, gpTimings, gpNote, seconds);
    Files.createDirectories(options.out());
    Path json = options.out().resolve("search.json");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(json.toFile(), toJson(outcome));
    Path docs = options.docs();
    if (docs.getParent() != null) {
      Files.createDirectories(docs.getParent());
    }
    Files.writeString(docs, MarkdownReport.render(outcome));
    log("wrote %s and %s in %.1f s", json, docs, seconds);
    for (String line : MarkdownReport.targetSummary(outcome)) {
      log("%s", line);
    }
  }

  /** Runs every seed of one (function, sampler) and summarizes each budget. */
  static List<Cell> measure(BenchFunction f, Algorithm a, int seeds) {
    long start = System.nanoTime();
    int max = maxBudget(a);
    List<Sweeps.Result> results = new ArrayList<>();
    for (int seed = 0; seed < seeds; seed++) {
      long t0 = System.nanoTime();
      Sweeps.Result r = Sweeps.run(f, a, seed, max);
      results.add(r);
      if (a == BAYESIAN || a == TPE) {
        log(
            "  %s %s seed %d/%d: best %.6g after %d trials (%.1f s)",
            f.id(),
            a.manifestName(),
            seed + 1,
            seeds,
            r.bestAt(max),
            max,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (int budget : budgets(a)) {
      double[] bests = results.stream().mapToDouble(r -> r.bestAt(budget)).toArray();
      double[] regrets = Arrays.stream(bests).map(b -> b - f.optimum()).toArray();
      double[] ms =
          results.stream()
              .flatMapToDouble(r -> Arrays.stream(r.suggestMillis(), 0, budget))
              .toArray();
      cells.add(
          new Cell(
              f,
              a,
              budget,
              bests,
              Stats.mean(bests),
              Stats.sd(bests),
              Stats.median(regrets),
              Stats.median(ms),
              Stats.quantile(ms, 0.95)));
    }
    Cell last = cells.get(cells.size() - 1);
    log(
        "%-12s %-8s %d seeds: @%d mean best %.4f ± %.4f, median regret %.3g, %.3f ms/suggestion"
            + " (%.1f s)",
        f.id(),
        a.manifestName(),
        seeds,
        last.budget(),
        last.meanBest(),
        last.sdBest(),
        last.medianRegret(),
        last.msMedian(),
        (System.nanoTime() - start) / 1e9);
    return cells;
  }

  /**
   * Times the GP sampler on Hartmann-6 with a history of {@code n} random points and their values.
   */
  static GpTiming gpTiming(int n, int repeats) {
    BenchFunction f = BenchFunction.HARTMANN6;
    SearchSpace space = Sweeps.space(f);
    Sampler random = Sweeps.create(RANDOM, 4242, space).sampler();
    List<CompletedTrial> completed = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      SortedMap<String, String> p = random.suggest(i, SearchHistory.EMPTY).orElseThrow();
      completed.add(new CompletedTrial(p, f.evaluate(Sweeps.point(f, p)), false));
    }
    SearchHistory history = new SearchHistory(completed, List.of());
    Sampler gp = Sweeps.create(BAYESIAN, 0, space).sampler();
    double[] millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      gp.suggest(n + 1, history).orElseThrow();
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    log(
        "GP suggestion, Hartmann-6, history %d: median %.3g ms over %d",
        n, Stats.median(millis), repeats);
    return new GpTiming(n, millis);
  }

  static Map<String, Object> toJson(Outcome o) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", o.options().command());
    root.put("machine", o.machine());
    root.put("seconds", Math.round(o.seconds() * 10) / 10.0);
    root.put(
        "config",
        Map.of(
            "seeds", o.options().seeds(),
            "concurrency", 1,
            "functions", o.options().functions().stream().map(BenchFunction::id).toList(),
            "samplers", o.options().samplers().stream().map(Algorithm::manifestName).toList()));
    Map<String, String> skipped = new LinkedHashMap<>();
    o.skipped().forEach((a, why) -> skipped.put(a.manifestName(), why));
    root.put("skipped", skipped);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Cell c : o.cells()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("function", c.function().id());
      r.put("sampler", c.sampler().manifestName());
      r.put("budget", c.budget());
      r.put("mean_best", c.meanBest());
      r.put("sd_best", c.sdBest());
      r.put("median_regret", c.medianRegret());
      r.put("ms_per_suggestion_median", c.msMedian());
      r.put("ms_per_suggestion_p95", c.msP95());
      r.put("seeds", c.seeds());
      results.add(r);
    }
    root.put("results", results);
    Map<String, Object> gp = new LinkedHashMap<>();
    gp.put("function", BenchFunction.HARTMANN6.id());
    gp.put("note", o.gpNote());
    List<Map<String, Object>> points = new ArrayList<>();
    for (GpTiming t : o.gpTimings()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("history", t.history());
      p.put("ms_median", Stats.median(t.millis()));
      p.put("ms_max", Arrays.stream(t.millis()).max().orElse(Double.NaN));
      p.put("repeats", t.millis().length);
      points.add(p);
    }
    gp.put("timings", points);
    root.put("gp_suggestion_time", gp);
    return root;
  }

  static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
