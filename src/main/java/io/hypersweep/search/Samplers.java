package io.hypersweep.search;

import io.hypersweep.api.Algorithm;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.search.bayes.BayesianSampler;
import io.hypersweep.search.tpe.TpeSampler;
import io.hypersweep.validation.FieldError;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/** Chooses and builds the sampler a sweep's {@code spec.sampling} asks for. */
public final class Samplers {

  static final String ALGORITHM_FIELD = "spec.sampling.algorithm";

  private Samplers() {}

  /**
   * Builds the sampler for {@code sampling} over {@code space}. A null sampling or algorithm means
   * random, a null seed means 0.
   */
  public static SamplerCreation create(SamplingSpec sampling, SearchSpace space) {
    Algorithm algorithm =
        sampling == null || sampling.algorithm == null ? Algorithm.RANDOM : sampling.algorithm;
    long seed = sampling == null || sampling.seed == null ? 0L : sampling.seed;
    return switch (algorithm) {
      case GRID -> grid(space);
      case RANDOM -> SamplerCreation.valid(new RandomSampler(space, seed));
      case SOBOL -> sobol(space, seed);
      case BAYESIAN -> SamplerCreation.valid(new BayesianSampler(space, seed, sampling.bayesian));
      case TPE -> SamplerCreation.valid(new TpeSampler(space, seed, sampling.tpe));
    };
  }

  private static SamplerCreation grid(SearchSpace space) {
    List<Dimension> infinite = space.infiniteDimensions();
    if (!infinite.isEmpty()) {
      String offenders =
          infinite.stream().map(Samplers::whyNoGrid).collect(Collectors.joining("; "));
      return SamplerCreation.invalid(
          List.of(
              new FieldError(
                  ALGORITHM_FIELD,
                  "grid needs a finite set of values; "
                      + offenders
                      + ": use choice, randint or a quantized range (quniform, qloguniform),"
                      + " or use random or sobol sampling")));
    }
    BigInteger size = space.gridSize().orElseThrow();
    if (size.bitLength() >= Long.SIZE) {
      return SamplerCreation.invalid(
          List.of(
              new FieldError(
                  ALGORITHM_FIELD,
                  "the grid has "
                      + size
                      + " points, more than "
                      + Long.MAX_VALUE
                      + "; use fewer values, or random or sobol sampling")));
    }
    return SamplerCreation.valid(new GridSampler(space));
  }

  private static SamplerCreation sobol(SearchSpace space, long seed) {
    if (space.dimensionCount() > SobolSampler.MAX_DIMENSIONS) {
      return SamplerCreation.invalid(
          List.of(
              new FieldError(
                  ALGORITHM_FIELD,
                  "sobol supports at most "
                      + SobolSampler.MAX_DIMENSIONS
                      + " parameters, this sweep has "
                      + space.dimensionCount()
                      + "; use random sampling")));
    }
    return SamplerCreation.valid(new SobolSampler(space, seed));
  }

  private static String whyNoGrid(Dimension d) {
    String kind = d instanceof QuantizedDimension ? "unbounded" : "continuous";
    return "spec.parameters." + d.name() + " is " + d.expression() + ", which is " + kind;
  }
}
