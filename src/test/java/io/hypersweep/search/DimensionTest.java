package io.hypersweep.search;

import static io.hypersweep.search.Params.choice;
import static io.hypersweep.search.Params.dimension;
import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.randint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of the ten parameter expressions: bounds, distributions and exact rendering. */
class DimensionTest {

  private static final int SAMPLES = 20_000;

  /** u values that include both edges and the tails, plus many uniform ones. */
  private static double[] unitValues() {
    SplittableRandom random = new SplittableRandom(42);
    double[] u = new double[SAMPLES];
    u[0] = 0.0;
    u[1] = Math.nextDown(1.0);
    u[2] = 1e-300;
    u[3] = 1.0; // clamped into [0, 1)
    for (int i = 4; i < u.length; i++) {
      u[i] = random.nextDouble();
    }
    return u;
  }

  static Stream<Arguments> everyExpression() {
    return Stream.of(
        Arguments.of(expr("uniform", -2.0, 3.0), (DoublePredicate) x -> x >= -2 && x <= 3),
        Arguments.of(expr("quniform", 0.05, 1.0, 0.1), (DoublePredicate) x -> x >= 0.1 && x <= 1),
        Arguments.of(expr("loguniform", 1e-5, 1e-1), (DoublePredicate) x -> x >= 1e-5 && x <= 0.1),
        Arguments.of(
            expr("qloguniform", 3.0, 1000.0, 5.0), (DoublePredicate) x -> x >= 5 && x <= 1000),
        Arguments.of(expr("normal", 1.0, 2.0), (DoublePredicate) x -> Math.abs(x - 1) < 2 * 7.5),
        Arguments.of(expr("qnormal", 0.0, 1.0, 0.25), (DoublePredicate) x -> Math.abs(x) <= 7.5),
        Arguments.of(
            expr("lognormal", 0.0, 1.0), (DoublePredicate) x -> x > 0 && x < Math.exp(7.5)),
        Arguments.of(
            expr("qlognormal", 1.0, 0.5, 0.5),
            (DoublePredicate) x -> x >= 0 && x < Math.exp(1 + 0.5 * 7.5)),
        Arguments.of(randint(-3L, 4L), (DoublePredicate) x -> x >= -3 && x < 4),
        Arguments.of(choice(3, 0.25, "adam"), (DoublePredicate) x -> x == 3 || x == 0.25));
  }

  @ParameterizedTest
  @MethodSource("everyExpression")
  void everyExpressionRendersInsideItsBounds(
      io.hypersweep.api.ParameterSpec spec, DoublePredicate inBounds) {
    Dimension d = dimension(spec);
    for (double u : unitValues()) {
      String value = d.valueAt(u);
      assertThat(value).doesNotContain("E", "e-", "Infinity", "NaN");
      if (value.equals("adam")) {
        continue;
      }
      assertThat(inBounds.test(Double.parseDouble(value)))
          .as("%s at u=%s gives %s", d.expression(), u, value)
          .isTrue();
      // toUnit is the inverse of valueAt for every value valueAt produces.
      double back = d.toUnit(value);
      assertThat(back).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      if (d.gridSize().isPresent()) {
        assertThat(d.valueAt(back)).isEqualTo(value);
      }
    }
  }

  @Test
  void quantizedValuesAreExactMultiplesWithoutFloatNoise() {
    for (String expression : List.of("quniform", "qloguniform", "qnormal", "qlognormal")) {
      Dimension d = dimension(expr(expression, 0.1, 2.0, 0.1));
      for (double u : unitValues()) {
        BigDecimal value = new BigDecimal(d.valueAt(u));
        assertThat(value.scale()).as("%s renders %s", expression, value).isLessThanOrEqualTo(1);
        assertThat(value.remainder(new BigDecimal("0.1")).signum()).isZero();
      }
    }
  }

  @Test
  void quantizedRenderingIsExact() {
    Dimension tenths = dimension(expr("quniform", 0.0, 1.0, 0.1));
    assertThat(tenths.valueAt(0.3)).isEqualTo("0.3");
    assertThat(tenths.gridValues().orElseThrow())
        .containsExactly("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1");
    Dimension tens = dimension(expr("quniform", 0.0, 100.0, 10.0));
    assertThat(tens.valueAt(0.5)).isEqualTo("50");
    assertThat(dimension(expr("qloguniform", 8.0, 1000.0, 10.0)).gridValues().orElseThrow())
        .startsWith("10", "20")
        .endsWith("1000")
        .hasSize(100);
  }

  @Test
  void boundedQuantizedValuesAreClampedIntoTheRange() {
    // round(0.26 / 0.5) would give 0.5 but min is 0.26: the nearest multiple inside is 0.5,
    // and near max=0.9 round(0.9/0.5)*0.5 = 1 lies outside, so it clamps to 0.5 as well.
    Dimension d = dimension(expr("quniform", 0.26, 0.9, 0.5));
    assertThat(d.valueAt(0.0)).isEqualTo("0.5");
    assertThat(d.valueAt(Math.nextDown(1.0))).isEqualTo("0.5");
    assertThat(d.gridValues().orElseThrow()).containsExactly("0.5");
  }

  @Test
  void doublesRenderInPlainDecimal() {
    assertThat(ValueFormat.ofDouble(1e-5)).isEqualTo("0.00001");
    assertThat(ValueFormat.ofDouble(0.5)).isEqualTo("0.5");
    assertThat(ValueFormat.ofDouble(3.0)).isEqualTo("3");
    assertThat(ValueFormat.ofDouble(1e21)).isEqualTo("1000000000000000000000");
    assertThat(ValueFormat.ofDouble(-0.0)).isEqualTo("0");
    assertThat(dimension(expr("loguniform", 1e-5, 1e-1)).valueAt(0.0)).isEqualTo("0.00001");
    assertThat(dimension(expr("uniform", 0.0, 1.0)).valueAt(0.1)).isEqualTo("0.1");
  }

  @Test
  void choicesRenderAsWrittenInTheirOrder() {
    Dimension d = dimension(choice(3, 0.25, "adam", 1e-5, 10_000_000_000L, new BigDecimal("2.50")));
    assertThat(d.gridValues().orElseThrow())
        .containsExactly("3", "0.25", "adam", "0.00001", "10000000000", "2.5");
    assertThat(d.valueAt(0.0)).isEqualTo("3");
    assertThat(d.valueAt(0.4)).isEqualTo("adam");
    assertThat(d.valueAt(0.99)).isEqualTo("2.5");
    assertThat(d.toUnit("adam")).isEqualTo(2.5 / 6);
    assertThatThrownBy(() -> d.toUnit("sgd")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randintCoversItsRangeUniformly() {
    Dimension d = dimension(randint(10L, 14L));
    int[] counts = new int[4];
    for (double u : unitValues()) {
      counts[Integer.parseInt(d.valueAt(u)) - 10]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(SAMPLES / 4 - 400, SAMPLES / 4 + 400);
    }
    assertThat(d.gridValues().orElseThrow()).containsExactly("10", "11", "12", "13");
  }

  @Test
  void randintHandlesTheWidestRange() {
    Dimension d = dimension(randint(Long.MIN_VALUE, Long.MAX_VALUE));
    assertThat(d.valueAt(0.0)).isEqualTo(Long.toString(Long.MIN_VALUE));
    assertThat(Long.parseLong(d.valueAt(Math.nextDown(1.0)))).isLessThan(Long.MAX_VALUE);
    assertThat(d.gridSize()).contains(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
    assertThat(d.gridValues().orElseThrow()).hasSize(Integer.MAX_VALUE);
  }

  @Test
  void loguniformIsUniformInLogSpace() {
    Dimension d = dimension(expr("loguniform", 1e-4, 1.0));
    double geometricMean = 1e-2;
    int below = 0;
    int firstDecade = 0;
    for (double u : unitValues()) {
      double x = Double.parseDouble(d.valueAt(u));
      below += x < geometricMean ? 1 : 0;
      firstDecade += x < 1e-3 ? 1 : 0;
    }
    assertThat(below / (double) SAMPLES).isCloseTo(0.5, within(0.015));
    assertThat(firstDecade / (double) SAMPLES).isCloseTo(0.25, within(0.015));
  }

  @Test
  void normalQuantilesMatchTheDistribution() {
    Dimension normal = dimension(expr("normal", 3.0, 2.0));
    assertThat(Double.parseDouble(normal.valueAt(0.5))).isEqualTo(3.0);
    assertThat(Double.parseDouble(normal.valueAt(0.8413447460685429))).isCloseTo(5.0, within(1e-9));
    assertThat(Double.parseDouble(normal.valueAt(0.02275013194817921)))
        .isCloseTo(-1.0, within(1e-9));
    // u = 0 is clamped to 1e-12, about 7.03 sigma below the mean, instead of -infinity.
    assertThat(Double.parseDouble(normal.valueAt(0.0))).isCloseTo(3.0 - 2 * 7.034, within(0.01));
    assertThat(normal.toUnit("5")).isCloseTo(0.8413447460685429, within(1e-12));

    Dimension lognormal = dimension(expr("lognormal", 1.0, 0.5));
    assertThat(Double.parseDouble(lognormal.valueAt(0.5))).isCloseTo(Math.E, within(1e-12));
    Dimension qlognormal = dimension(expr("qlognormal", 0.0, 1.0, 0.01));
    assertThat(qlognormal.valueAt(0.5)).isEqualTo("1");
  }

  @Test
  void continuousAndUnboundedDimensionsHaveNoGrid() {
    for (String e : List.of("uniform", "loguniform", "normal", "lognormal")) {
      assertThat(dimension(expr(e, 1.0, 2.0)).gridValues()).as(e).isEmpty();
    }
    for (String e : List.of("qnormal", "qlognormal")) {
      assertThat(dimension(expr(e, 1.0, 2.0, 0.5)).gridValues()).as(e).isEmpty();
    }
  }

  @Test
  void quantizedValuesAreSpreadOverAllMultiples() {
    Dimension d = dimension(expr("quniform", 0.0, 1.0, 0.25));
    Set<String> seen = new HashSet<>();
    for (double u : unitValues()) {
      seen.add(d.valueAt(u));
    }
    assertThat(seen).containsExactlyInAnyOrder("0", "0.25", "0.5", "0.75", "1");
  }
}
