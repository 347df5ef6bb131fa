package io.hypersweep.search.tpe;

import io.hypersweep.api.Algorithm;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.api.TpeSettings;
import io.hypersweep.search.ChoiceDimension;
import io.hypersweep.search.Dimension;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SamplerCreation;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchSpace;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator sampling, after Optuna's TPESampler (Watanabe 2023, "Tree-
 * Structured Parzen Estimator: Understanding Its Algorithm Components").
 *
 * <p>Until {@code startupTrials} trials have a loss, trial n is scrambled Sobol point n. After
 * that, the finished trials are split into a good group (the min(ceil(gamma·n), 25) lowest losses)
 * and a bad group (the rest, failed trials, and trials in flight as a constant liar). One Parzen
 * estimator is fitted to each, in the unit cube for numeric parameters, so log-scaled and normal
 * expressions are modelled in log space and by quantile; {@code candidates} points are drawn from
 * the good estimator l, and the one maximizing log l(x) − log g(x) is rendered, which snaps integer
 * and quantized parameters onto their grids.
 *
 * <p>Defaults follow Optuna (prior weight 1, magic clip, older trials down-weighted beyond the 25
 * newest, neighbour-gap bandwidths when univariate) with two tuned departures, see {@link
 * ParzenEstimator}: the multivariate bandwidth is 0.05·n^(−1/(d+4)) rather than 0.2·n^(−1/(d+4)),
 * and the magic clip's floor counts all observations rather than the group's own.
 */
public final class TpeSampler implements Sampler {

  public static final int DEFAULT_STARTUP_TRIALS = 10;
  public static final double DEFAULT_GAMMA = 0.1;
  public static final int DEFAULT_CANDIDATES = 24;
  public static final boolean DEFAULT_MULTIVARIATE = true;

  /** Optuna keeps this many newest trials at full weight and ramps older ones down. */
  static final int FULL_WEIGHT_TRIALS = 25;

  /** 2^64 / golden ratio, the SplitMix64 increment. */
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Keeps TPE's streams apart from those of the random and Sobol samplers for the same seed. */
  private static final long STREAM = 0x7e5a_7e5a_7e5a_7e5aL;

  private final SearchSpace space;
  private final long seed;
  private final int startupTrials;
  private final double gamma;
  private final int candidates;
  private final boolean multivariate;
  private final int[] choices;
  private final Sampler startup;

  /**
   * @param space the search space
   * @param seed the sweep's seed
   * @param settings the tuning knobs, or null for the defaults; null fields mean their defaults
   */
  public TpeSampler(SearchSpace space, long seed, TpeSettings settings) {
    this.space = space;
    this.seed = seed;
    TpeSettings s = settings == null ? new TpeSettings() : settings;
    this.startupTrials = s.startupTrials == null ? DEFAULT_STARTUP_TRIALS : s.startupTrials;
    this.gamma = s.gamma == null ? DEFAULT_GAMMA : s.gamma;
    this.candidates = s.candidates == null ? DEFAULT_CANDIDATES : s.candidates;
    this.multivariate = s.multivariate == null ? DEFAULT_MULTIVARIATE : s.multivariate;
    if (startupTrials < 1 || candidates < 1 || !(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("startupTrials and candidates >= 1, 0 < gamma < 1");
    }
    this.choices = HistorySplit.choiceCounts(space);
    this.startup = startupSampler(space, seed);
  }

  /** Sobol, through the public factory; random when the space is too wide for Sobol. */
  private static Sampler startupSampler(SearchSpace space, long seed) {
    SamplingSpec spec = new SamplingSpec();
    spec.seed = seed;
    spec.algorithm = Algorithm.SOBOL;
    SamplerCreation sobol = Samplers.create(spec, space);
    if (sobol.isValid()) {
      return sobol.sampler();
    }
    spec.algorithm = Algorithm.RANDOM;
    return Samplers.create(spec, space).sampler();
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history) {
    Sampler.checkTrialNumber(trialNumber);
    HistorySplit split = HistorySplit.of(space, history, gamma);
    if (split.finished() < startupTrials) {
      return startup.suggest(trialNumber, SearchHistory.EMPTY);
    }
    return Optional.of(space.render(toUnit(bestCandidate(split, random(trialNumber)))));
  }

  private double[] bestCandidate(HistorySplit split, SplittableRandom random) {
    // Both groups clip bandwidths by the whole history's size, not their own: the good group then
    // narrows as evidence accumulates (to 1% of the range at 100 trials) instead of staying at
    // 1/(gamma·n) of it, which measurably helps on Hartmann-6 and Branin.
    int kernels = split.good().size() + split.bad().size() + 1;
    ParzenEstimator good =
        new ParzenEstimator(
            choices, split.good(), weights(split.good().size()), multivariate, kernels);
    ParzenEstimator bad =
        new ParzenEstimator(
            choices, split.bad(), weights(split.bad().size()), multivariate, kernels);
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates; i++) {
      double[] x = good.sample(random);
      double score = good.logDensity(x) - bad.logDensity(x);
      // ">" keeps the first of equal scores; best == null covers scores of NaN.
      if (best == null || score > bestScore) {
        best = x;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Optuna's default_weights: the newest 25 trials weigh 1, older ones ramp linearly from 1/n, so
   * an early lucky region fades as evidence accumulates.
   */
  static double[] weights(int n) {
    double[] w = new double[n];
    if (n < FULL_WEIGHT_TRIALS) {
      Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = n - FULL_WEIGHT_TRIALS;
    for (int i = 0; i < ramp; i++) {
      double start = 1.0 / n;
      w[i] = ramp == 1 ? start : start + (1.0 - start) * i / (ramp - 1);
    }
    for (int i = ramp; i < n; i++) {
      w[i] = 1.0;
    }
    return w;
  }

  /** Categorical coordinates are category indices in the model; render wants unit coordinates. */
  private double[] toUnit(double[] modelPoint) {
    double[] u = modelPoint.clone();
    List<Dimension> dims = space.dimensions();
    for (int j = 0; j < u.length; j++) {
      if (dims.get(j) instanceof ChoiceDimension c) {
        u[j] = (modelPoint[j] + 0.5) / c.values().size();
      }
    }
    return u;
  }

  private SplittableRandom random(int trialNumber) {
    return new SplittableRandom(mix64(mix64(seed ^ STREAM) ^ (GOLDEN * trialNumber)));
  }

  /** The SplitMix64 finalizer: neighbouring (seed, trial) pairs get unrelated streams. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.empty();
  }

  @Override
  public boolean learnsFromHistory() {
    return true;
  }
}
