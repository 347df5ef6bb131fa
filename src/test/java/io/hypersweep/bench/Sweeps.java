package io.hypersweep.bench;

import io.hypersweep.api.Algorithm;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.search.SamplerCreation;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchHistory.CompletedTrial;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.search.SearchSpaceParse;
import io.hypersweep.validation.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** Simulator: runs one sequential (concurrency 1) sweep of a sampler on a benchmark function. */
public final class Sweeps {

  private Sweeps() {}

  /**
   * The outcome of one sweep.
   *
   * @param bestSoFar entry i is the lowest value among trials 1..i+1
   * @param suggestMillis entry i is the wall time of the suggestion for trial i+1
   */
  public record Result(double[] bestSoFar, double[] suggestMillis) {

    /** The lowest value among the first {@code budget} trials. */
    public double bestAt(int budget) {
      return bestSoFar[budget - 1];
    }
  }

  /** The function's domain as a user would write it: {@code xi: uniform: [lo, hi]}. */
  public static SearchSpace space(BenchFunction f) {
    Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    for (int i = 0; i < f.dimensions(); i++) {
      ParameterSpec p = new ParameterSpec();
      p.uniform = List.of(f.lower(i), f.upper(i));
      parameters.put(name(i), p);
    }
    SearchSpaceParse parse = SearchSpace.parse(parameters);
    if (!parse.isValid()) {
      throw new IllegalStateException("invalid space for " + f.id() + ": " + parse.errors());
    }
    return parse.space();
  }

  /** Builds the sampler through {@link Samplers#create}, with default algorithm settings. */
  public static SamplerCreation create(Algorithm algorithm, long seed, SearchSpace space) {
    SamplingSpec spec = new SamplingSpec();
    spec.algorithm = algorithm;
    spec.seed = seed;
    return Samplers.create(spec, space);
  }

  /** Why {@code algorithm} cannot be built, or empty when it can. */
  public static Optional<String> unavailable(Algorithm algorithm) {
    SamplerCreation creation = create(algorithm, 0, space(BenchFunction.BRANIN));
    if (creation.isValid()) {
      return Optional.empty();
    }
    return Optional.of(
        creation.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")));
  }

  /** Runs trials 1..budget, each seeing the results of all earlier trials and nothing pending. */
  public static Result run(BenchFunction f, Algorithm algorithm, long seed, int budget) {
    SamplerCreation creation = create(algorithm, seed, space(f));
    if (!creation.isValid()) {
      throw new IllegalStateException(algorithm.manifestName() + ": " + creation.errors());
    }
    var sampler = creation.sampler();
    List<CompletedTrial> completed = new ArrayList<>(budget);
    double[] best = new double[budget];
    double[] millis = new double[budget];
    double bestValue = Double.POSITIVE_INFINITY;
    for (int trial = 1; trial <= budget; trial++) {
      SearchHistory history = new SearchHistory(completed, List.of());
      long start = System.nanoTime();
      Optional<SortedMap<String, String>> suggestion = sampler.suggest(trial, history);
      millis[trial - 1] = (System.nanoTime() - start) / 1e6;
      SortedMap<String, String> parameters =
          suggestion.orElseThrow(
              () -> new IllegalStateException(algorithm.manifestName() + " ran out of points"));
      double value = f.evaluate(point(f, parameters));
      completed.add(new CompletedTrial(parameters, value, false));
      bestValue = Math.min(bestValue, value);
      best[trial - 1] = bestValue;
    }
    return new Result(best, millis);
  }

  /** Parses the rendered values x1..xd, checking that each lies in the domain. */
  static double[] point(BenchFunction f, SortedMap<String, String> parameters) {
    double[] x = new double[f.dimensions()];
    for (int i = 0; i < x.length; i++) {
      String rendered = parameters.get(name(i));
      if (rendered == null) {
        throw new IllegalStateException("suggestion lacks " + name(i) + ": " + parameters);
      }
      x[i] = Double.parseDouble(rendered);
      if (!(x[i] >= f.lower(i) && x[i] <= f.upper(i))) {
        throw new IllegalStateException(name(i) + "=" + rendered + " is outside the domain");
      }
    }
    return x;
  }

  static String name(int i) {
    return "x" + (i + 1);
  }
}
