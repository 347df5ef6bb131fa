package io.hypersweep.search;

import static io.hypersweep.search.Params.choice;
import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.randint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AnyType;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.validation.FieldError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of search-space validation: every problem names its field. */
class SearchSpaceValidationTest {

  private static List<FieldError> errors(Map<String, ParameterSpec> parameters) {
    SearchSpaceParse parse = SearchSpace.parse(parameters);
    assertThat(parse.isValid()).isFalse();
    assertThat(parse.space()).isNull();
    assertThat(parse.errors()).isNotEmpty();
    return parse.errors();
  }

  private static List<FieldError> errorsOf(ParameterSpec spec) {
    return errors(Map.of("x", spec));
  }

  private static void assertOneError(ParameterSpec spec, String field, String messagePart) {
    List<FieldError> errors = errorsOf(spec);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo(field);
    assertThat(errors.get(0).message()).contains(messagePart);
  }

  @Test
  void nullOrEmptyParametersAreAnError() {
    assertThat(errors(null)).containsExactly(errors(Map.of()).get(0));
    assertThat(errors(Map.of()).get(0).field()).isEqualTo("spec.parameters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1lr",
        "learning-rate",
        "lr.x",
        "",
        "naïve",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void badNamesAreRejected(String name) {
    List<FieldError> errors = errors(Map.of(name, expr("uniform", 0.0, 1.0)));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo("spec.parameters." + name);
    assertThat(errors.get(0).message()).contains("must match");
  }

  @Test
  void sixtyThreeCharacterNamesAndUnderscoresAreFine() {
    String name = "_" + "a".repeat(62);
    assertThat(SearchSpace.parse(Map.of(name, expr("uniform", 0.0, 1.0))).isValid()).isTrue();
  }

  @Test
  void namesCollidingWhenUpperCasedAreRejected() {
    List<FieldError> errors =
        errors(Map.of("lr", expr("uniform", 0.0, 1.0), "LR", expr("uniform", 0.0, 1.0)));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isIn("spec.parameters.lr", "spec.parameters.LR");
    assertThat(errors.get(0).message()).contains("HYPERSWEEP_PARAM_LR");
  }

  @Test
  void noExpressionOrSeveralExpressionsAreRejected() {
    assertOneError(new ParameterSpec(), "spec.parameters.x", "none is set");
    ParameterSpec two = expr("uniform", 0.0, 1.0);
    two.normal = List.of(0.0, 1.0);
    assertOneError(two, "spec.parameters.x", "uniform, normal are set");
    Map<String, ParameterSpec> nullSpec = new HashMap<>();
    nullSpec.put("x", null);
    assertThat(errors(nullSpec)).extracting(FieldError::field).containsExactly("spec.parameters.x");
  }

  @Test
  void wrongArityIsRejected() {
    assertOneError(expr("uniform", 1.0), "spec.parameters.x.uniform", "exactly 2 values");
    assertOneError(expr("quniform", 0.0, 1.0), "spec.parameters.x.quniform", "exactly 3 values");
    assertOneError(expr("normal", 0.0, 1.0, 2.0), "spec.parameters.x.normal", "[mu, sigma]");
    assertOneError(randint(1L, 2L, 3L), "spec.parameters.x.randint", "exactly 2 values");
  }

  @Test
  void nullElementsAreRejected() {
    assertOneError(expr("uniform", null, 1.0), "spec.parameters.x.uniform", "min must not be null");
    assertOneError(randint(1L, null), "spec.parameters.x.randint", "high must not be null");
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    List<FieldError> errors = errorsOf(expr("uniform", Double.NaN, Double.POSITIVE_INFINITY));
    assertThat(errors).hasSize(2).allMatch(e -> e.field().equals("spec.parameters.x.uniform"));
    assertThat(errors.get(0).message()).contains("finite");
    assertOneError(
        expr("normal", 0.0, Double.NEGATIVE_INFINITY), "spec.parameters.x.normal", "finite");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uniform", "quniform", "loguniform", "qloguniform"})
  void minMustBeBelowMax(String expression) {
    ParameterSpec spec =
        expression.startsWith("q") ? expr(expression, 2.0, 2.0, 1.0) : expr(expression, 2.0, 1.0);
    assertOneError(spec, "spec.parameters.x." + expression, "min must be less than max");
  }

  @ParameterizedTest
  @ValueSource(strings = {"loguniform", "qloguniform"})
  void logScaleMinMustBePositive(String expression) {
    ParameterSpec spec =
        expression.startsWith("q") ? expr(expression, 0.0, 10.0, 1.0) : expr(expression, -1.0, 1.0);
    assertOneError(spec, "spec.parameters.x." + expression, "greater than 0 on a log scale");
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "qnormal", "lognormal", "qlognormal"})
  void sigmaMustBePositive(String expression) {
    ParameterSpec spec =
        expression.startsWith("q") ? expr(expression, 0.0, 0.0, 1.0) : expr(expression, 0.0, -1.0);
    assertOneError(spec, "spec.parameters.x." + expression, "sigma must be greater than 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"quniform", "qloguniform", "qnormal", "qlognormal"})
  void qMustBePositive(String expression) {
    assertOneError(
        expr(expression, 1.0, 2.0, 0.0),
        "spec.parameters.x." + expression,
        "q must be greater than 0");
  }

  @Test
  void randintNeedsLowBelowHigh() {
    assertOneError(randint(5L, 5L), "spec.parameters.x.randint", "low must be less than high");
  }

  @Test
  void quantizedRangeWithoutAMultipleOfQIsRejected() {
    assertOneError(
        expr("quniform", 0.1, 0.2, 0.5), "spec.parameters.x.quniform", "no multiple of q = 0.5");
    assertOneError(
        expr("qloguniform", 1.0, 9.0, 10.0), "spec.parameters.x.qloguniform", "no multiple");
    // Exact decimal arithmetic: 0.7 is a multiple of 0.1 even though 0.7 / 0.1 < 7 in doubles.
    assertThat(SearchSpace.parse(Map.of("x", expr("quniform", 0.7, 0.7000001, 0.1))).isValid())
        .isTrue();
  }

  @Test
  void distributionsThatOverflowAreRejected() {
    assertOneError(expr("lognormal", 700.0, 10.0), "spec.parameters.x.lognormal", "overflow");
    assertOneError(
        expr("uniform", -1e308, 1e308), "spec.parameters.x.uniform", "too large to represent");
  }

  @Test
  void emptyChoiceIsRejected() {
    assertOneError(choice(), "spec.parameters.x.choice", "at least one value");
  }

  @Test
  void choiceElementsMustBeNumbersOrStrings() {
    ParameterSpec spec = choice(1, true, Map.of("a", 1), List.of(1, 2), "ok");
    spec.choice = new java.util.ArrayList<>(spec.choice);
    spec.choice.add(new AnyType(null));
    spec.choice.add(null);
    spec.choice.add(new AnyType(Double.NaN));
    List<FieldError> errors = errorsOf(spec);
    assertThat(errors).allMatch(e -> e.field().equals("spec.parameters.x.choice"));
    assertThat(errors)
        .extracting(FieldError::message)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("choice[1] is the boolean true"),
            m -> assertThat(m).startsWith("choice[2] is an object"),
            m -> assertThat(m).startsWith("choice[3] is a list"),
            m -> assertThat(m).startsWith("choice[5] is null"),
            m -> assertThat(m).startsWith("choice[6] is null"),
            m -> assertThat(m).startsWith("choice[7] must be a finite number"));
  }

  @Test
  void duplicateChoicesAreRejectedByRenderedValue() {
    assertOneError(choice("a", "b", "a"), "spec.parameters.x.choice", "choice[2] 'a' duplicates");
    assertOneError(
        choice(3, 3.0), "spec.parameters.x.choice", "choice[1] '3' duplicates choice[0]");
    assertOneError(choice(3, "3"), "spec.parameters.x.choice", "duplicates");
  }

  @Test
  void longStringsAreRejected() {
    assertOneError(choice("a".repeat(257)), "spec.parameters.x.choice", "257 characters");
    assertThat(SearchSpace.parse(Map.of("x", choice("a".repeat(256)))).isValid()).isTrue();
  }

  @Test
  void allErrorsAreReportedNotJustTheFirst() {
    Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    parameters.put("bad-name", expr("uniform", 0.0, 1.0));
    parameters.put("a", expr("loguniform", 0.0, -1.0));
    parameters.put("b", randint(3L, 1L));
    parameters.put("c", choice());
    List<FieldError> errors = errors(parameters);
    assertThat(errors)
        .extracting(FieldError::field)
        .containsExactly(
            "spec.parameters.a.loguniform",
            "spec.parameters.a.loguniform",
            "spec.parameters.b.randint",
            "spec.parameters.bad-name",
            "spec.parameters.c.choice");
  }

  @Test
  void dimensionsAreOrderedByNameNotByMapOrder() {
    Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    parameters.put("zeta", expr("uniform", 0.0, 1.0));
    parameters.put("alpha", choice("a"));
    parameters.put("mid", randint(0L, 3L));
    SearchSpace space = Params.space(parameters);
    assertThat(space.names()).containsExactly("alpha", "mid", "zeta");
    assertThat(space.dimensionCount()).isEqualTo(3);
    assertThat(space.dimensions().get(1)).isInstanceOf(RandintDimension.class);
  }
}
