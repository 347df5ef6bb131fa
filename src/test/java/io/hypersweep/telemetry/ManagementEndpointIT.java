package io.hypersweep.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged operator jar, run in local mode, serves Prometheus metrics and health on its
 * management port (a free loopback port in local mode) and not on the main HTTP port.
 */
class ManagementEndpointIT {
  static final String MANIFEST =
      """
      apiVersion: hypersweep.io/v1alpha1
      kind: HyperparameterSweep
      metadata:
        name: endpoint
      spec:
        objective: {metric: score, goal: maximize}
        parameters:
          x: {uniform: [0.0, 1.0]}
        sampling: {algorithm: random, seed: 3}
        limits: {maxTrials: 1}
        trialTemplate:
          spec:
            template:
              metadata:
                annotations:
                  # The trial runs until the test creates ./release, so the scrape sees it running.
                  hypersweep.io/local-command: >-
                    sh -c 'while [ ! -f release ]; do sleep 0.1; done; echo score=$HYPERSWEEP_PARAM_X'
              spec:
                containers:
                - name: trainer
                  image: example/trainer:1
      """;
  static final Pattern MANAGEMENT =
      Pattern.compile("Management interface listening on http://127\\.0\\.0\\.1:(\\d+)");
  static final Pattern MAIN = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsAndHealthAreServedOnTheManagementPort() throws Exception {
    Files.writeString(dir.resolve("sweep.yaml"), MANIFEST);
    Path log = dir.resolve("operator.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process operator =
        new ProcessBuilder(
                java,
                "-Xmx384m",
                "-Dquarkus.log.level=INFO",
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString(),
                "local",
                "sweep.yaml")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      AtomicReference<String> ports = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                String text = Files.readString(log);
                Matcher m = MANAGEMENT.matcher(text);
                Matcher main = MAIN.matcher(text);
                if (!m.find() || !main.find()) {
                  assertThat(operator.isAlive()).as("operator running; log:\n" + text).isTrue();
                  return false;
                }
                ports.set(m.group(1) + " " + main.group(1));
                return true;
              });
      String management = "http://127.0.0.1:" + ports.get().split(" ")[0];
      String mainPort = ports.get().split(" ")[1];

      AtomicReference<PrometheusText> scrape = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                scrape.set(PrometheusText.parse(get(management + "/q/metrics").body()));
                return scrape
                    .get()
                    .value("hypersweep_trials_running", "sweep", "endpoint")
                    .filter(v -> v == 1.0)
                    .isPresent();
              });
      PrometheusText p = scrape.get();
      String[] sweep = {"namespace", "default", "sweep", "endpoint"};
      assertThat(p.value("hypersweep_trials_started_total", sweep)).contains(1.0);
      assertThat(p.find("hypersweep_trials_finished_total", sweep))
          .hasSize(StatusDelta.OUTCOMES.size())
          .allMatch(s -> s.value() == 0.0);
      assertThat(p.value("hypersweep_sweeps", "phase", "Running")).contains(1.0);
      assertThat(p.value("hypersweep_suggestion_duration_seconds_count", "algorithm", "random"))
          .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
      assertThat(
              p.value(
                  "operator_sdk_controllers_execution_reconcile_seconds_count",
                  "controller",
                  "hyperparametersweepreconciler"))
          .hasValueSatisfying(v -> assertThat(v).isPositive());
      // Per-controller, not per-sweep: the extension's per-resource default is replaced.
      assertThat(p.find("operator_sdk_controllers_execution_reconcile_seconds_count"))
          .allMatch(s -> !s.labels().containsKey("name"));

      for (String probe : List.of("live", "ready", "started")) {
        HttpResponse<String> health = get(management + "/q/health/" + probe);
        assertThat(health.statusCode()).as(probe).isEqualTo(200);
        assertThat(health.body()).as(probe).contains("\"status\": \"UP\"");
      }
      assertThat(get(management + "/q/health/ready").body())
          .contains("Quarkus Operator SDK health check");
      assertThat(get("http://127.0.0.1:" + mainPort + "/q/metrics").statusCode()).isEqualTo(404);

      Files.writeString(dir.resolve("release"), "");
      assertThat(operator.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(operator.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      operator.destroy();
      if (!operator.waitFor(10, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
