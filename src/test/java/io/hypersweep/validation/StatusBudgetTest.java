package io.hypersweep.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.planning.RecordLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sweeps whose trial records could not fit in one Kubernetes object are rejected up front. */
class StatusBudgetTest {

  private static HyperparameterSweep quickstart(int maxTrials) throws Exception {
    String yaml = Files.readString(Path.of("k8s-examples/quickstart.yaml"));
    HyperparameterSweep sweep =
        Serialization.unmarshal(
            yaml.replace("maxTrials: 12", "maxTrials: " + maxTrials), HyperparameterSweep.class);
    sweep.getMetadata().setNamespace("default");
    return sweep;
  }

  private static HyperparameterSweep quickstart(int maxTrials, int concurrency) throws Exception {
    HyperparameterSweep sweep = quickstart(maxTrials);
    sweep.getSpec().limits.maxConcurrentTrials = concurrency;
    return sweep;
  }

  @Test
  void withAPolicyTheBudgetCountsFullCurves() throws Exception {
    HyperparameterSweep sweep = quickstart(10000, 200);
    io.hypersweep.api.EarlyTerminationSpec early = new io.hypersweep.api.EarlyTerminationSpec();
    early.policy = io.hypersweep.api.EarlyTerminationPolicy.MEDIAN_STOPPING;
    sweep.getSpec().earlyTermination = early;
    assertThat(new SweepValidator().validate(sweep).errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.limits.maxConcurrentTrials");
              assertThat(e.message()).contains("curve points");
            });
    HyperparameterSweep small = quickstart(10000, 20);
    small.getSpec().earlyTermination = early;
    assertThat(new SweepValidator().validate(small).errors()).isEmpty();
  }

  @Test
  void tenThousandTrialsOfTheQuickstartFitNowThatFinishedRecordsAreArchived() throws Exception {
    assertThat(new SweepValidator().validate(quickstart(10000)).errors()).isEmpty();
  }

  @Test
  void tooManyConcurrentTrialsAreRejectedNamingTheLimitAndWhatFits() throws Exception {
    List<FieldError> errors = new SweepValidator().validate(quickstart(10000, 1000)).errors();
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.limits.maxConcurrentTrials");
              assertThat(e.message()).contains("at most").contains("1 MiB");
            });
  }

  @Test
  void hugeChoiceValuesAreRejectedBecauseAChunkCouldNotHoldThem() throws Exception {
    StringBuilder blobs = new StringBuilder("  parameters:\n");
    for (int i = 0; i < 100; i++) {
      blobs.append("    blob").append(i).append(": {choice: [\"").append("x".repeat(250));
      blobs.append("\", \"y\"]}\n");
    }
    String yaml =
        Files.readString(Path.of("k8s-examples/quickstart.yaml"))
            .replace("  parameters:\n", blobs.toString());
    HyperparameterSweep sweep = Serialization.unmarshal(yaml, HyperparameterSweep.class);
    sweep.getMetadata().setNamespace("default");
    assertThat(new SweepValidator().validate(sweep).errors())
        .anySatisfy(e -> assertThat(e.field()).isEqualTo("spec.parameters"));
  }

  @Test
  void theEstimateIsAnUpperBoundOfARealRecord() throws Exception {
    HyperparameterSweep sweep = quickstart(12);
    TrialRecord r = new TrialRecord();
    r.number = 12345;
    r.name = sweep.getMetadata().getName() + "-12345";
    r.state = TrialState.Succeeded;
    r.reason = "Completed";
    r.parameters =
        new TreeMap<>(
            Map.of(
                "learning_rate", "0.012345678901234567",
                "trees", "190",
                "max_depth", "6",
                "subsample", "0.98765432109876543"));
    r.metrics =
        RecordLimits.metrics(
            Map.of(
                "val_accuracy", 0.9123456789012345,
                "val_logloss", 0.2345678901234567,
                "val_auc", 0.9587654321098765,
                "train_loss", 0.1234567890123456,
                "ignored_metric", 1.0),
            "val_accuracy",
            List.of("val_logloss", "val_auc", "train_loss"));
    r.objectiveValue = 0.9123456789012345;
    r.startTime = "2026-12-04T15:33:40Z";
    r.completionTime = "2026-12-04T15:43:40Z";
    int actual = Serialization.asJson(r).length();
    assertThat(r.metrics).doesNotContainKey("ignored_metric");
    // The per-trial estimate for this spec, from the message of a sweep that is too big.
    String message =
        new SweepValidator().validate(quickstart(10000, 1000)).errors().get(0).message();
    int estimate = Integer.parseInt(message.replaceAll(".*takes up to (\\d+) bytes.*", "$1"));
    assertThat(actual).isLessThanOrEqualTo(estimate);
  }
}
