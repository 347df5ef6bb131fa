package io.hypersweep.search.bayes;

import io.hypersweep.search.bayes.Encoding.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Maximizes an acquisition function over representable points: seeded random candidates and
 * perturbations of the best observations, then a (1+1) evolution strategy from the top few.
 */
final class AcquisitionOptimizer {

  private static final int PERTURBED_INCUMBENTS = 5;
  private static final int PERTURBATIONS_EACH = 64;
  private static final int REFINED_STARTS = 9;
  private static final int REFINEMENT_STEPS = 80;

  /** A point and its acquisition score; order is the position among candidates, for ties. */
  private record Scored(Point point, double score, int order) {}

  private final Encoding encoding;
  private final GaussianProcess gp;
  private final Acquisition acquisition;

  AcquisitionOptimizer(Encoding encoding, GaussianProcess gp, Acquisition acquisition) {
    this.encoding = encoding;
    this.gp = gp;
    this.acquisition = acquisition;
  }

  /**
   * The best-scoring point whose rendered values are not in {@code taken}; when every candidate is
   * taken (a small finite space), the best one anyway.
   *
   * @param incumbents unit points of the best observations, best first
   */
  Point optimize(
      List<double[]> incumbents,
      Set<Map<String, String>> taken,
      int candidates,
      SplittableRandom random) {
    int d = encoding.dimensionCount();
    List<double[]> raw = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      raw.add(uniform(d, random));
    }
    for (double[] incumbent :
        incumbents.subList(0, Math.min(PERTURBED_INCUMBENTS, incumbents.size()))) {
      for (int j = 0; j < PERTURBATIONS_EACH; j++) {
        // Four scales: a neighbourhood to explore, and three to polish the incumbent.
        double sigma = 0.1 * Math.pow(0.15, j % 4);
        raw.add(perturb(incumbent, sigma, random));
      }
    }
    Scored[] scored = new Scored[raw.size()];
    // Parallel but deterministic: each slot depends on its own candidate only.
    IntStream.range(0, scored.length)
        .parallel()
        .forEach(i -> scored[i] = score(encoding.snap(raw.get(i)), i));
    List<Scored> pool = new ArrayList<>(List.of(scored));
    pool.sort(ORDER);
    // Half the starts come from the uniform candidates alone: the incumbents' neighbourhoods
    // usually score highest, and refining only there keeps the search in one basin.
    List<Scored> starts = new ArrayList<>();
    addDistinct(pool.stream().filter(s -> s.order() < candidates).toList(), starts, 4);
    addDistinct(pool, starts, REFINED_STARTS);
    SplittableRandom[] streams = new SplittableRandom[starts.size()];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = random.split();
    }
    Scored[] refined = new Scored[starts.size()];
    IntStream.range(0, refined.length)
        .parallel()
        .forEach(i -> refined[i] = refine(starts.get(i), streams[i], -1 - i));
    pool.addAll(List.of(refined));
    pool.sort(ORDER);
    for (Scored s : pool) {
      if (!taken.contains(s.point().parameters())) {
        return s.point();
      }
    }
    return pool.get(0).point();
  }

  /** Adds the best points not yet in {@code starts} until it holds {@code limit}. */
  private static void addDistinct(List<Scored> sorted, List<Scored> starts, int limit) {
    for (Scored s : sorted) {
      if (starts.size() >= limit) {
        return;
      }
      if (starts.stream().noneMatch(t -> t.point().parameters().equals(s.point().parameters()))) {
        starts.add(s);
      }
    }
  }

  private static final Comparator<Scored> ORDER =
      Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(Scored::order);

  private Scored score(Point point, int order) {
    double[] mv = new double[2];
    gp.predict(point.features(), mv);
    double s = acquisition.score(mv[0], mv[1]);
    return new Scored(point, Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s, order);
  }

  /**
   * A (1+1) evolution strategy with the one-fifth success rule: numeric coordinates move by
   * Gaussian steps whose size adapts, and a choice is occasionally redrawn, since one-hot inputs
   * have no neighbourhood.
   */
  private Scored refine(Scored start, SplittableRandom random, int order) {
    int d = encoding.dimensionCount();
    List<Integer> choiceDims = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      if (encoding.isChoice(i)) {
        choiceDims.add(i);
      }
    }
    boolean anyNumeric = choiceDims.size() < d;
    Scored current = start;
    double sigma = 0.05;
    for (int step = 0; step < REFINEMENT_STEPS; step++) {
      double[] u = current.point().unit().clone();
      if (!choiceDims.isEmpty() && (!anyNumeric || random.nextDouble() < 0.2)) {
        u[choiceDims.get(random.nextInt(choiceDims.size()))] = random.nextDouble();
      } else {
        for (int i = 0; i < d; i++) {
          if (!encoding.isChoice(i)) {
            u[i] = clamp(u[i] + sigma * random.nextGaussian());
          }
        }
      }
      Scored candidate = score(encoding.snap(u), order);
      if (candidate.score() > current.score()) {
        current = candidate;
        sigma = Math.min(0.3, sigma * 1.5);
      } else {
        sigma = Math.max(1e-7, sigma * 0.9);
      }
    }
    return current;
  }

  private static double[] uniform(int d, SplittableRandom random) {
    double[] u = new double[d];
    for (int i = 0; i < d; i++) {
      u[i] = random.nextDouble();
    }
    return u;
  }

  private double[] perturb(double[] center, double sigma, SplittableRandom random) {
    int d = center.length;
    double[] u = center.clone();
    for (int i = 0; i < d; i++) {
      if (encoding.isChoice(i)) {
        if (random.nextDouble() < 1.0 / d) {
          u[i] = random.nextDouble();
        }
      } else {
        u[i] = clamp(u[i] + sigma * random.nextGaussian());
      }
    }
    return u;
  }

  private static double clamp(double u) {
    return Math.min(Math.nextDown(1.0), Math.max(0.0, u));
  }
}
