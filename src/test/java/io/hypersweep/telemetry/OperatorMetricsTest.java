package io.hypersweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialState;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's delete notification removes a sweep's series; the app serves them where the chart looks.
 */
class OperatorMetricsTest {

  @AfterEach
  void uninstall() {
    OperatorMetrics.uninstall();
  }

  @Test
  void aDeletedSweepLosesItsSeries() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OperatorMetrics metrics = OperatorMetrics.install(registry);
    SweepStatus st =
        SweepMetricsTest.status(
            SweepPhase.Running, 1.0, StatusDeltaTest.trial(1, TrialState.Running));
    SweepMetrics.shared().record(SweepMetricsTest.sweep("gone", "loss", null), null, st);
    assertThat(PrometheusText.parse(registry.scrape()).find("hypersweep_trials_running"))
        .hasSize(1);

    metrics.cleanupDoneFor(new ResourceID("gone", "team-a"), Map.of());

    PrometheusText p = PrometheusText.parse(registry.scrape());
    assertThat(p.samples()).noneMatch(s -> "gone".equals(s.labels().get("sweep")));
    assertThat(p.value("hypersweep_sweeps", "phase", "Running")).contains(0.0);
  }

  @Test
  void metricsAndHealthAreOnTheManagementPortTheChartScrapes() throws Exception {
    Properties app = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      app.load(in);
    }
    assertThat(app.getProperty("quarkus.management.enabled")).isEqualTo("true");
    // Quarkus' default management port is 9000; the chart hard-wires the same number.
    assertThat(app.getProperty("quarkus.management.port", "9000")).isEqualTo("9000");
    assertThat(app.getProperty("quarkus.micrometer.export.prometheus.path", "/q/metrics"))
        .isEqualTo("/q/metrics");
    String deployment = Files.readString(Path.of("helm/hypersweep/templates/deployment.yaml"));
    assertThat(deployment)
        .contains("containerPort: 9000")
        .contains("\"prometheus.io/port\" \"9000\"")
        .contains("\"prometheus.io/path\" \"/q/metrics\"");
  }
}
