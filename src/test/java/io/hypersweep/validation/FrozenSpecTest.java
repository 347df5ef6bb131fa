package io.hypersweep.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.SweepStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A started sweep whose frozen spec fields change (an old API server let it through). */
class FrozenSpecTest {

  private static SweepSpec spec(String yaml) {
    return TestSweeps.parse(yaml).getSpec();
  }

  private static final SweepSpec BASE = spec(TestSweeps.VALID);

  private static SweepStatus startedWith(SweepSpec spec) {
    SweepStatus s = new SweepStatus();
    s.startTime = "2026-01-01T00:00:00Z";
    s.frozenSpec = FrozenSpec.recorded(s, spec);
    return s;
  }

  @Test
  void summariesAreReadableExceptTheSearchSpace() {
    Map<String, String> s = FrozenSpec.summarize(BASE);
    assertThat(s)
        .containsEntry("spec.objective", "maximize score")
        .containsEntry("spec.sampling", "random seed 11");
    assertThat(s.get("spec.parameters")).matches("sha256:[0-9a-f]{16}");
    SweepSpec noSampling =
        spec(TestSweeps.VALID.replace("sampling: {algorithm: random, seed: 11}", ""));
    assertThat(FrozenSpec.summarize(noSampling)).containsEntry("spec.sampling", "random seed 0");
  }

  @Test
  void theOrderOfParametersInTheManifestDoesNotMatter() {
    SweepSpec reordered =
        spec(
            TestSweeps.VALID.replace(
                "    x: {uniform: [0.0, 1.0]}\n    depth: {choice: [2, 4, 8]}",
                "    depth: {choice: [2, 4, 8]}\n    x: {uniform: [0.0, 1.0]}"));
    assertThat(reordered.parameters.keySet()).containsExactly("depth", "x");
    assertThat(FrozenSpec.summarize(reordered)).isEqualTo(FrozenSpec.summarize(BASE));
  }

  @Test
  void nothingIsRecordedBeforeTheFirstTrialAndRecordsAreKeptAfter() {
    SweepStatus pending = new SweepStatus();
    assertThat(FrozenSpec.recorded(pending, BASE)).isNull();
    SweepStatus started = startedWith(BASE);
    assertThat(started.frozenSpec).isEqualTo(FrozenSpec.summarize(BASE));
    SweepSpec other = spec(TestSweeps.VALID.replace("seed: 11", "seed: 12"));
    assertThat(FrozenSpec.recorded(started, other)).isEqualTo(FrozenSpec.summarize(BASE));
  }

  @Test
  void budgetsAndStoppingRulesMayChange() {
    SweepStatus started = startedWith(BASE);
    SweepSpec edited =
        spec(
            TestSweeps.VALID
                .replace(
                    "maxTrials: 8, maxConcurrentTrials: 3", "maxTrials: 20, maxConcurrentTrials: 5")
                .replace("goal: maximize}", "goal: maximize, target: 0.9}")
                .replace("example/trainer:1", "example/trainer:2"));
    assertThat(FrozenSpec.changes(edited, started)).isEmpty();
    assertThat(
            FrozenSpec.changes(
                spec(TestSweeps.VALID.replace("seed: 11", "seed: 12")), new SweepStatus()))
        .as("a sweep that never started may change anything")
        .isEmpty();
  }

  @Test
  void eachFrozenFieldIsNamedWhenItChanges() {
    SweepStatus started = startedWith(BASE);
    assertThat(
            FrozenSpec.changes(spec(TestSweeps.VALID.replace("[0.0, 1.0]", "[0.0, 2.0]")), started))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("spec.parameters"));
    assertThat(
            FrozenSpec.changes(
                spec(TestSweeps.VALID.replace("goal: maximize", "goal: minimize")), started))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.objective");
              assertThat(e.message())
                  .contains("started with maximize score, now minimize score")
                  .contains("create a new sweep");
            });
    assertThat(
            FrozenSpec.changes(
                spec(TestSweeps.VALID.replace("algorithm: random", "algorithm: sobol")), started))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("spec.sampling"));
    assertThat(
            FrozenSpec.changes(
                spec(
                    TestSweeps.VALID
                        .replace("metric: score", "metric: loss")
                        .replace("seed: 11", "seed: 1")),
                started))
        .extracting(FieldError::field)
        .containsExactly("spec.objective", "spec.sampling");
  }
}
