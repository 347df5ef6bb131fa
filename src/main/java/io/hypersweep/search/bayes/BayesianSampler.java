package io.hypersweep.search.bayes;

import io.hypersweep.api.Algorithm;
import io.hypersweep.api.BayesianSettings;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.search.Sampler;
import io.hypersweep.search.SamplerCreation;
import io.hypersweep.search.Samplers;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.search.SearchHistory.CompletedTrial;
import io.hypersweep.search.SearchSpace;
import io.hypersweep.search.bayes.Encoding.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Bayesian optimization: a scrambled Sobol design, then a Matérn 5/2 Gaussian process on the
 * observed losses and the point that maximizes the acquisition function.
 *
 * <p>Design choices, each a pure function of (space, seed, trial number, history):
 *
 * <ul>
 *   <li>The model starts once {@code initialTrials} of this sweep's own trials have finished.
 *       Warm-start priors join the model but do not shorten the design: they are usually a parent
 *       sweep's good trials, clustered, and a GP fitted to a cluster alone has its mean at the
 *       cluster's level, so it rates all unexplored space as promising and wanders off. The design
 *       anchors the loss scale. Priors whose values lie outside this space are ignored.
 *   <li>Failed trials count as the worst finite loss observed, so the model steers away from the
 *       region without a made-up scale.
 *   <li>Trials in flight are added as "kriging believer" observations at the posterior mean, which
 *       collapses the variance there so concurrent trials spread out.
 *   <li>If the kernel matrix cannot be factored even with jitter, the Sobol point is used.
 * </ul>
 */
public final class BayesianSampler implements Sampler {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long seed;
  private final Sampler design;
  private final Encoding encoding;
  private final int initialTrials;
  private final BayesianSettings.Acquisition acquisition;
  private final double exploration;
  private final int candidates;

  /**
   * @param settings null means all defaults
   */
  public BayesianSampler(SearchSpace space, long seed, BayesianSettings settings) {
    this.seed = seed;
    this.design = initialDesign(space, seed);
    this.encoding = new Encoding(space);
    BayesianSettings s = settings == null ? new BayesianSettings() : settings;
    this.initialTrials =
        s.initialTrials != null ? s.initialTrials : Math.max(5, 2 * space.dimensionCount());
    this.acquisition = s.acquisition != null ? s.acquisition : BayesianSettings.Acquisition.LOG_EI;
    double defaultExploration = acquisition == BayesianSettings.Acquisition.UCB ? 2.0 : 0.0;
    this.exploration = s.exploration != null ? s.exploration : defaultExploration;
    this.candidates = s.candidates != null ? s.candidates : 2048;
  }

  /** Sobol via the public factory, since its class is package-private; random past its limit. */
  private static Sampler initialDesign(SearchSpace space, long seed) {
    SamplingSpec spec = new SamplingSpec();
    spec.algorithm = Algorithm.SOBOL;
    spec.seed = seed;
    SamplerCreation sobol = Samplers.create(spec, space);
    if (sobol.isValid()) {
      return sobol.sampler();
    }
    spec.algorithm = Algorithm.RANDOM;
    return Samplers.create(spec, space).sampler();
  }

  @Override
  public boolean learnsFromHistory() {
    return true;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.empty();
  }

  @Override
  public Optional<SortedMap<String, String>> suggest(int trialNumber, SearchHistory history) {
    Sampler.checkTrialNumber(trialNumber);
    List<Point> points = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    double worst = Double.NEGATIVE_INFINITY;
    int own = 0;
    for (CompletedTrial trial : history.completed()) {
      own += trial.prior() ? 0 : 1;
      Optional<Point> point = pointOf(trial);
      if (point.isPresent()) {
        points.add(point.get());
        losses.add(trial.loss());
        if (!trial.failed()) {
          worst = Math.max(worst, trial.loss());
        }
      }
    }
    if (own < initialTrials || worst == Double.NEGATIVE_INFINITY) {
      return design.suggest(trialNumber, SearchHistory.EMPTY);
    }
    SplittableRandom random =
        new SplittableRandom(mix64(mix64(seed ^ 0x5851F42D4C957F2DL) ^ (GOLDEN * trialNumber)));
    Optional<Point> next = modelSuggestion(points, losses, worst, history.pending(), random);
    if (next.isEmpty()) {
      return design.suggest(trialNumber, SearchHistory.EMPTY);
    }
    return Optional.of(next.get().parameters());
  }

  /** A genuine bug surfaces for this sweep's own trials; only foreign priors may not fit. */
  private Optional<Point> pointOf(CompletedTrial trial) {
    try {
      return Optional.of(encoding.of(trial.parameters()));
    } catch (IllegalArgumentException e) {
      if (!trial.prior()) {
        throw e;
      }
      // A prior from a sweep with a different space says nothing about this one.
      return Optional.empty();
    }
  }

  private Optional<Point> modelSuggestion(
      List<Point> points,
      List<Double> losses,
      double worst,
      List<SortedMap<String, String>> pending,
      SplittableRandom random) {
    int n = points.size();
    double[] y = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double loss = losses.get(i);
      y[i] = Double.isNaN(loss) ? worst : loss;
      mean += y[i];
    }
    mean /= n;
    double variance = 0;
    for (double v : y) {
      variance += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(variance / n);
    if (!(sd > 0)) {
      sd = 1;
    }
    double[][] x = new double[n][];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      y[i] = (y[i] - mean) / sd;
      x[i] = points.get(i).features();
      best = Math.min(best, y[i]);
    }
    Matern52 kernel = GaussianProcess.fitKernel(x, y, random.split());
    GaussianProcess gp = GaussianProcess.condition(kernel, x, y);
    if (gp == null) {
      return Optional.empty();
    }
    Set<Map<String, String>> taken = new HashSet<>();
    points.forEach(p -> taken.add(p.parameters()));
    if (!pending.isEmpty()) {
      gp = believe(gp, kernel, x, y, pending, taken);
      if (gp == null) {
        return Optional.empty();
      }
    }
    List<double[]> incumbents = incumbents(points, y);
    AcquisitionOptimizer optimizer =
        new AcquisitionOptimizer(encoding, gp, new Acquisition(acquisition, exploration, best));
    return Optional.of(optimizer.optimize(incumbents, taken, candidates, random));
  }

  /** Conditions on the pending points as if they had returned the posterior mean. */
  private GaussianProcess believe(
      GaussianProcess gp,
      Matern52 kernel,
      double[][] x,
      double[] y,
      List<SortedMap<String, String>> pending,
      Set<Map<String, String>> taken) {
    int n = y.length;
    double[][] xs = java.util.Arrays.copyOf(x, n + pending.size());
    double[] ys = java.util.Arrays.copyOf(y, n + pending.size());
    double[] mv = new double[2];
    for (int i = 0; i < pending.size(); i++) {
      Point p = encoding.of(pending.get(i));
      taken.add(p.parameters());
      gp.predict(p.features(), mv);
      xs[n + i] = p.features();
      ys[n + i] = mv[0];
    }
    return GaussianProcess.condition(kernel, xs, ys);
  }

  private static List<double[]> incumbents(List<Point> points, double[] y) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> y[i]));
    return order.stream().map(i -> points.get(i).unit()).toList();
  }

  /** The SplitMix64 finalizer, so neighbouring (seed, trial) pairs get unrelated streams. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
