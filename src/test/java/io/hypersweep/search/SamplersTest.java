package io.hypersweep.search;

import static io.hypersweep.search.Params.choice;
import static io.hypersweep.search.Params.expr;
import static io.hypersweep.search.Params.randint;
import static io.hypersweep.search.Params.space;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.Algorithm;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.api.SamplingSpec;
import io.hypersweep.validation.FieldError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests of choosing and validating a sweep's sampler. */
class SamplersTest {

  static SamplingSpec sampling(Algorithm algorithm, Long seed) {
    SamplingSpec s = new SamplingSpec();
    s.algorithm = algorithm;
    s.seed = seed;
    return s;
  }

  @Test
  void nullSamplingMeansRandomWithSeedZero() {
    SearchSpace space = space(Map.of("x", expr("uniform", 0.0, 1.0)));
    Sampler byDefault = Samplers.create(null, space).sampler();
    Sampler noAlgorithm = Samplers.create(new SamplingSpec(), space).sampler();
    Sampler explicit = Samplers.create(sampling(Algorithm.RANDOM, 0L), space).sampler();
    assertThat(byDefault).isInstanceOf(RandomSampler.class);
    assertThat(noAlgorithm).isInstanceOf(RandomSampler.class);
    for (int n = 1; n <= 20; n++) {
      assertThat(byDefault.suggest(n, SearchHistory.EMPTY))
          .isEqualTo(explicit.suggest(n, SearchHistory.EMPTY));
      assertThat(noAlgorithm.suggest(n, SearchHistory.EMPTY))
          .isEqualTo(explicit.suggest(n, SearchHistory.EMPTY));
    }
  }

  @Test
  void gridOverAContinuousExpressionNamesTheParameter() {
    SearchSpace space =
        space(
            Map.of(
                "lr", expr("loguniform", 1e-5, 1e-1),
                "noise", expr("qnormal", 0.0, 1.0, 0.1),
                "layers", randint(1L, 4L)));
    SamplerCreation creation = Samplers.create(sampling(Algorithm.GRID, null), space);
    assertThat(creation.isValid()).isFalse();
    assertThat(creation.errors()).hasSize(1);
    FieldError error = creation.errors().get(0);
    assertThat(error.field()).isEqualTo("spec.sampling.algorithm");
    assertThat(error.message())
        .contains("grid needs a finite set of values")
        .contains("spec.parameters.lr is loguniform, which is continuous")
        .contains("spec.parameters.noise is qnormal, which is unbounded")
        .contains("use choice, randint or a quantized range")
        .doesNotContain("layers");
  }

  @Test
  void gridLargerThanALongIsAnError() {
    Map<String, ParameterSpec> parameters = new HashMap<>();
    parameters.put("a", randint(0L, 1L << 32));
    parameters.put("b", randint(0L, 1L << 32));
    SamplerCreation creation = Samplers.create(sampling(Algorithm.GRID, null), space(parameters));
    assertThat(creation.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.sampling.algorithm");
              assertThat(e.message()).contains("18446744073709551616 points");
            });
  }

  @Test
  void gridOfExactlyALongIsAccepted() {
    // Long.MAX_VALUE = 7 * 7 * 73 * 127 * 337 * 92737 * 649657, so 7 * (MAX / 7) is exactly MAX.
    long maxOverSeven = Long.MAX_VALUE / 7;
    SearchSpace space = space(Map.of("a", randint(0L, 7L), "b", randint(0L, maxOverSeven)));
    SamplerCreation creation = Samplers.create(sampling(Algorithm.GRID, null), space);
    assertThat(creation.isValid()).isTrue();
    assertThat(creation.sampler().size()).hasValue(Long.MAX_VALUE);
  }

  @Test
  void sobolAndRandomAreUnbounded() {
    SearchSpace space = space(Map.of("x", choice("a", "b")));
    assertThat(Samplers.create(sampling(Algorithm.SOBOL, 1L), space).sampler().size()).isEmpty();
    assertThat(Samplers.create(sampling(Algorithm.RANDOM, 1L), space).sampler().size()).isEmpty();
  }
}
