package io.hypersweep.search.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hypersweep.api.BayesianSettings;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The acquisition functions, in particular log EI far in the tail. */
class AcquisitionTest {

  private static final NormalDistribution N = new NormalDistribution();

  @Test
  void logHMatchesTheDirectFormulaWhereThatIsAccurate() {
    for (double z = -8; z <= 5; z += 0.25) {
      double direct = Math.log(N.density(z) + z * N.cumulativeProbability(z));
      assertThat(Acquisition.logH(z)).as("z=%s", z).isCloseTo(direct, within(1e-6));
    }
  }

  @Test
  void logHStaysFiniteAndIncreasingFarInTheTail() {
    double previous = Double.NEGATIVE_INFINITY;
    for (double z = -1e6; z < 0; z = z / 1.5) {
      double v = Acquisition.logH(z);
      assertThat(v).isFinite().isGreaterThan(previous);
      previous = v;
      if (z > -1e-3) {
        break;
      }
    }
    // Plain EI is exactly zero here; log EI still ranks the points.
    assertThat(Acquisition.logH(-40)).isGreaterThan(Acquisition.logH(-41));
  }

  @Test
  void everyKindPrefersLowMeansAtEqualVariance() {
    for (BayesianSettings.Acquisition kind : BayesianSettings.Acquisition.values()) {
      Acquisition a = new Acquisition(kind, kind == BayesianSettings.Acquisition.UCB ? 2 : 0, 0);
      assertThat(a.score(-1, 0.5)).as(kind.name()).isGreaterThan(a.score(1, 0.5));
      assertThat(a.score(0, 2)).as(kind.name()).isGreaterThan(a.score(0, 0.5));
    }
  }
}
