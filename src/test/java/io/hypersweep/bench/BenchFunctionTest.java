package io.hypersweep.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unit test: the benchmark functions take their known minima at their known minimizers. */
class BenchFunctionTest {

  @Test
  void braninAtItsThreeMinimizers() {
    double[][] minimizers = {{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}};
    for (double[] x : minimizers) {
      assertThat(BenchFunction.BRANIN.evaluate(x)).isCloseTo(0.397887357730, within(1e-9));
    }
  }

  @Test
  void hartmann3AtItsMinimizer() {
    assertThat(BenchFunction.HARTMANN3.evaluate(new double[] {0.114614, 0.555649, 0.852547}))
        .isCloseTo(-3.86278, within(1e-5));
  }

  @Test
  void hartmann6AtItsMinimizer() {
    double[] x = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
    assertThat(BenchFunction.HARTMANN6.evaluate(x)).isCloseTo(-3.32237, within(1e-5));
  }

  @Test
  void camelAtItsTwoMinimizers() {
    double a = 0.0898420131003;
    double b = 0.7126564030207;
    assertThat(BenchFunction.CAMEL.evaluate(new double[] {a, -b}))
        .isCloseTo(-1.0316284535, within(1e-9));
    assertThat(BenchFunction.CAMEL.evaluate(new double[] {-a, b}))
        .isCloseTo(-1.0316284535, within(1e-9));
  }

  @Test
  void rosenbrockIsZeroAtOnes() {
    assertThat(BenchFunction.ROSENBROCK4.evaluate(new double[] {1, 1, 1, 1})).isZero();
    assertThat(BenchFunction.ROSENBROCK4.evaluate(new double[] {0, 0, 0, 0})).isEqualTo(3.0);
  }

  @ParameterizedTest
  @EnumSource(BenchFunction.class)
  void noPointOfTheDomainBeatsTheOptimum(BenchFunction f) {
    SplittableRandom random = new SplittableRandom(7);
    double[] x = new double[f.dimensions()];
    for (int n = 0; n < 20_000; n++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = f.lower(i) + random.nextDouble() * (f.upper(i) - f.lower(i));
      }
      assertThat(f.evaluate(x)).isGreaterThanOrEqualTo(f.optimum() - 1e-6);
    }
  }

  @ParameterizedTest
  @EnumSource(BenchFunction.class)
  void theSpaceIsTheDomainAsUniformParameters(BenchFunction f) {
    var space = Sweeps.space(f);
    assertThat(space.dimensionCount()).isEqualTo(f.dimensions());
    assertThat(BenchFunction.byId(f.id())).isSameAs(f);
  }
}
