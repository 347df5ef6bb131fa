package io.hypersweep.search;

import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.space;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** Unit tests of the scrambled Sobol sampler: reproducibility and stratification. */
class SobolSamplerTest {

  private static SearchSpace unitCube(int d) {
    Map<String, io.hypersweep.api.ParameterSpec> parameters = new HashMap<>();
    for (int i = 0; i < d; i++) {
      parameters.put("x" + i, expr("uniform", 0.0, 1.0));
    }
    return space(parameters);
  }

  @Test
  void sameSeedGivesTheSamePointsAndDifferentSeedsDiffer() {
    SearchSpace space = unitCube(3);
    SobolSampler a = new SobolSampler(space, 5);
    SobolSampler b = new SobolSampler(space, 5);
    SobolSampler c = new SobolSampler(space, 6);
    for (int n = 1; n <= 64; n++) {
      assertThat(a.suggest(n, SearchHistory.EMPTY)).isEqualTo(b.suggest(n, SearchHistory.EMPTY));
      assertThat(a.suggest(n, SearchHistory.EMPTY)).isNotEqualTo(c.suggest(n, SearchHistory.EMPTY));
    }
    // Out of order access gives the same answer: skipTo does not depend on earlier calls.
    assertThat(a.suggest(3, SearchHistory.EMPTY))
        .isEqualTo(new SobolSampler(space, 5).suggest(3, SearchHistory.EMPTY));
  }

  @Test
  void scramblingMovesTheOrigin() {
    double[] first = new SobolSampler(unitCube(2), 0).unitPoint(0);
    assertThat(first).isNotEqualTo(new double[] {0, 0});
  }

  @Test
  void pointsStayInTheUnitCube() {
    SobolSampler sampler = new SobolSampler(unitCube(5), 11);
    for (int i = 0; i < 4096; i++) {
      for (double x : sampler.unitPoint(i)) {
        assertThat(x).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      }
    }
  }

  @Test
  void everyPowerOfTwoPrefixStratifiesEachCoordinate() {
    SobolSampler sampler = new SobolSampler(unitCube(4), 123);
    for (int k = 0; k <= 10; k++) {
      int n = 1 << k;
      for (int dim = 0; dim < 4; dim++) {
        int[] bins = new int[n];
        for (int i = 0; i < n; i++) {
          bins[(int) (sampler.unitPoint(i)[dim] * n)]++;
        }
        final int kk = k;
        final int dd = dim;
        assertThat(bins).as("2^%d points, dimension %d", kk, dd).containsOnly(1);
      }
    }
  }

  @Test
  void twoDimensionalNetsStratifyElementaryIntervals() {
    // The first two Sobol dimensions form a (0, m, 2)-net: 2^m points put exactly one point in
    // every 2^a x 2^(m-a) box; the scramble must preserve that.
    SobolSampler sampler = new SobolSampler(unitCube(2), 99);
    int m = 8;
    int n = 1 << m;
    for (int a = 0; a <= m; a++) {
      int rows = 1 << a;
      int cols = 1 << (m - a);
      int[][] boxes = new int[rows][cols];
      for (int i = 0; i < n; i++) {
        double[] p = sampler.unitPoint(i);
        boxes[(int) (p[0] * rows)][(int) (p[1] * cols)]++;
      }
      for (int[] row : boxes) {
        assertThat(row).containsOnly(1);
      }
    }
  }

  @Test
  void discrepancyIsLowerThanRandom() {
    int n = 1024;
    SobolSampler sobol = new SobolSampler(unitCube(2), 1);
    SplittableRandom random = new SplittableRandom(1);
    double[][] s = new double[n][];
    double[][] r = new double[n][];
    for (int i = 0; i < n; i++) {
      s[i] = sobol.unitPoint(i);
      r[i] = new double[] {random.nextDouble(), random.nextDouble()};
    }
    assertThat(starDiscrepancy(s)).isLessThan(starDiscrepancy(r) / 3);
  }

  @Test
  void unscrambledPointsMatchCommonsMath() {
    // Guards the assumption that skipTo(i) is point i of the sequence generated in order.
    SobolSequenceGenerator sequential = new SobolSequenceGenerator(3);
    SobolSequenceGenerator skipping = new SobolSequenceGenerator(3);
    for (int i = 0; i < 300; i++) {
      assertThat(skipping.skipTo(i)).isEqualTo(sequential.nextVector());
    }
  }

  @Test
  void sobolRendersThroughTheSpace() {
    SearchSpace space = space(Map.of("lr", expr("loguniform", 1e-4, 1.0)));
    SobolSampler sampler = new SobolSampler(space, 0);
    int below = 0;
    for (int n = 1; n <= 256; n++) {
      double lr =
          Double.parseDouble(sampler.suggest(n, SearchHistory.EMPTY).orElseThrow().get("lr"));
      assertThat(lr).isBetween(1e-4, 1.0);
      below += lr < 1e-2 ? 1 : 0;
    }
    assertThat(below).isEqualTo(128);
  }

  /** Star discrepancy approximated on a grid of anchored boxes [0, x) x [0, y). */
  private static double starDiscrepancy(double[][] points) {
    int g = 64;
    double worst = 0;
    for (int i = 1; i <= g; i++) {
      for (int j = 1; j <= g; j++) {
        double x = i / (double) g;
        double y = j / (double) g;
        int inside = 0;
        for (double[] p : points) {
          inside += p[0] < x && p[1] < y ? 1 : 0;
        }
        worst = Math.max(worst, Math.abs(inside / (double) points.length - x * y));
      }
    }
    return worst;
  }
}
