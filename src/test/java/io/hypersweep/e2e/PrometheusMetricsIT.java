package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.telemetry.OperatorMetrics;
import io.hypersweep.telemetry.PrometheusText;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's Prometheus series after a real sweep with early termination: the operator reports
 * to {@link OperatorMetrics} exactly as in production (Quarkus injects the same class), and the
 * scrape must agree with the sweep's status; deleting the sweep removes its series.
 */
class PrometheusMetricsIT {
  static final String SWEEP = "prom";
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void uninstall() {
    OperatorMetrics.uninstall();
  }

  PrometheusText scrape() {
    return PrometheusText.parse(registry.scrape());
  }

  @Test
  void scrapeAgreesWithTheStatusAndForgetsDeletedSweeps() throws Exception {
    try (SweepHarness h =
        new SweepHarness(EarlyTerminationIT.learningCurves(), OperatorMetrics.install(registry))) {
      h.apply(
          Manifests.sweep(
              SWEEP,
              "{metric: score, goal: maximize}",
              "{x: {uniform: [0.0, 1.0]}}",
              "{algorithm: random, seed: 11}",
              "{maxTrials: 6, maxConcurrentTrials: 3}",
              "earlyTermination: {policy: medianStopping, evaluationInterval: 5,"
                  + " delayEvaluation: 20}\n  metrics: {pollInterval: 200ms}"));
      SweepStatus status = h.awaitPhase(SWEEP, SweepPhase.Succeeded).getStatus();
      assertThat(status.trials).hasSize(6);
      assertThat(status.trialCounts.earlyStopped).isPositive();

      String[] sweep = {"namespace", SweepHarness.NS, "sweep", SWEEP};
      // The status is visible before the writer reports it: wait for the last report.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(scrape().value("hypersweep_sweeps", "phase", "Succeeded"))
                      .contains(1.0));
      PrometheusText p = scrape();
      assertThat(p.value("hypersweep_trials_started_total", sweep)).contains(6.0);
      assertThat(finished(p, sweep, "succeeded")).isEqualTo(status.trialCounts.succeeded);
      assertThat(finished(p, sweep, "failed")).isEqualTo(status.trialCounts.failed);
      assertThat(finished(p, sweep, "stopped")).isEqualTo(status.trialCounts.stopped);
      assertThat(finished(p, sweep, "early_stopped")).isEqualTo(status.trialCounts.earlyStopped);
      assertThat(
              p.value(
                  "hypersweep_early_termination_decisions_total",
                  with(sweep, "policy", "medianStopping")))
          .contains((double) status.trialCounts.earlyStopped);
      assertThat(p.value("hypersweep_trial_seconds_saved_total", sweep))
          .contains((double) status.trialSecondsSaved);
      assertThat(p.value("hypersweep_trials_running", sweep)).contains(0.0);
      assertThat(p.value("hypersweep_best_objective", with(sweep, "metric", "score")))
          .contains(status.bestTrial.objectiveValue);
      assertThat(p.value("hypersweep_sweeps", "phase", "Running")).contains(0.0);
      assertThat(
              p.value("hypersweep_suggestion_duration_seconds_count", "algorithm", "random")
                  .orElse(0.0))
          .isGreaterThanOrEqualTo(6.0);
      assertThat(
              p.value(
                      "operator_sdk_controllers_execution_reconcile_seconds_count",
                      "controller",
                      "hyperparametersweepreconciler")
                  .orElse(0.0))
          .isPositive();

      h.client()
          .resources(HyperparameterSweep.class)
          .inNamespace(SweepHarness.NS)
          .withName(SWEEP)
          .delete();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(scrape().samples())
                      .noneMatch(s -> SWEEP.equals(s.labels().get("sweep"))));
      assertThat(scrape().value("hypersweep_sweeps", "phase", "Succeeded")).contains(0.0);
    }
  }

  private static int finished(PrometheusText p, String[] sweep, String outcome) {
    return p.value("hypersweep_trials_finished_total", with(sweep, "outcome", outcome))
        .orElseThrow()
        .intValue();
  }

  private static String[] with(String[] labels, String key, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = key;
    all[labels.length + 1] = value;
    return all;
  }
}
