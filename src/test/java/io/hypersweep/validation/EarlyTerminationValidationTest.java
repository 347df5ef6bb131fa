package io.hypersweep.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.termination.AshaSettings;
import io.hypersweep.termination.BanditSettings;
import io.hypersweep.termination.MedianStoppingSettings;
import io.hypersweep.termination.TruncationSelectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Unit tests of spec.earlyTermination and spec.metrics validation: settings and field errors. */
class EarlyTerminationValidationTest {
  private static final String LIMITS = "  limits: {";

  private final SweepValidator validator = new SweepValidator();

  private SweepValidator.Result validate(String earlyTermination) {
    String yaml =
        TestSweeps.VALID.replace(LIMITS, "  earlyTermination: " + earlyTermination + "\n" + LIMITS);
    return validator.validate(TestSweeps.parse(yaml));
  }

  @Test
  void noPolicyMeansNoSettingsAndTheDefaultPollInterval() {
    ValidatedSweep v = validator.validate(TestSweeps.parse(TestSweeps.VALID)).sweep().orElseThrow();
    assertThat(v.termination()).isEmpty();
    assertThat(v.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(validate("{policy: none}").sweep().orElseThrow().termination()).isEmpty();
  }

  @Test
  void eachPolicyMapsToItsSettingsWithDefaults() {
    assertThat(validate("{policy: medianStopping}").sweep().orElseThrow().termination())
        .contains(MedianStoppingSettings.defaults());
    assertThat(
            validate("{policy: bandit, slackFactor: 0.2, evaluationInterval: 2}")
                .sweep()
                .orElseThrow()
                .termination())
        .contains(BanditSettings.factor(0.2).withSchedule(2, 0));
    assertThat(
            validate("{policy: truncationSelection, truncationPercentage: 30}")
                .sweep()
                .orElseThrow()
                .termination())
        .contains(new TruncationSelectionSettings(30, 1, 0, 3));
    assertThat(
            validate("{policy: asha, minResource: 2, maxResource: 50}")
                .sweep()
                .orElseThrow()
                .termination())
        .contains(new AshaSettings(2, 50L, 3));
  }

  @Test
  void errorsNameTheField() {
    assertThat(validate("{policy: bandit}").errors())
        .extracting(FieldError::field)
        .containsExactly("spec.earlyTermination.slackFactor");
    assertThat(validate("{policy: bandit, slackFactor: 0.1, slackAmount: 1}").errors())
        .extracting(FieldError::field)
        .containsExactly("spec.earlyTermination.slackFactor");
    assertThat(validate("{policy: medianStopping, reductionFactor: 3}").errors())
        .extracting(FieldError::field)
        .containsExactly("spec.earlyTermination.reductionFactor");
    assertThat(validate("{policy: asha, minResource: 10, maxResource: 5}").errors())
        .extracting(FieldError::field)
        .containsExactly("spec.earlyTermination.maxResource");
    String badPoll = TestSweeps.VALID.replace(LIMITS, "  metrics: {pollInterval: soon}\n" + LIMITS);
    assertThat(validator.validate(TestSweeps.parse(badPoll)).errors())
        .extracting(FieldError::field)
        .containsExactly("spec.metrics.pollInterval");
  }

  @Test
  void theEarlyStoppingExampleIsValid() throws Exception {
    String yaml = Files.readString(Path.of("k8s-examples/early-stopping.yaml"));
    ValidatedSweep v = validator.validate(TestSweeps.parse(yaml)).sweep().orElseThrow();
    assertThat(v.termination()).contains(new MedianStoppingSettings(20, 40, 3));
    assertThat(v.pollInterval()).isEqualTo(Duration.ofSeconds(5));
  }
}
