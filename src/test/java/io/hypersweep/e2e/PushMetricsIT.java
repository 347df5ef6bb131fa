package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.operator.MetricsPush;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics push endpoint end to end: trainers that print nothing and write no termination
 * message push their curve over HTTP, and early termination and final values use what they pushed.
 */
class PushMetricsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Pushes step=1..STEPS of the learning curve every 50 ms; stops when the endpoint says so. */
  static FakeTrainer pushingTrainer() {
    return new FakeTrainer(
        env -> {
          double x = Double.parseDouble(env.get("HYPERSWEEP_PARAM_X"));
          String url = env.get("HYPERSWEEP_METRICS_URL");
          String token = env.get("HYPERSWEEP_METRICS_TOKEN");
          for (int s = 1; s <= EarlyTerminationIT.STEPS; s++) {
            sleep(50);
            String body =
                String.format(
                    Locale.ROOT,
                    "{\"step\": %d, \"metrics\": {\"score\": %.6f}}",
                    s,
                    EarlyTerminationIT.score(x, s));
            if (push(url, token, body) != 202) {
              break; // stopped (409): the kill ends this run
            }
          }
          return new FakeTrainer.Outcome(0, "", null, 0);
        });
  }

  /** Posts once; a 404 right after launch (the trial not yet registered) is retried briefly. */
  static int push(String url, String token, String body) {
    for (int attempt = 0; ; attempt++) {
      int status = post(url, token, body);
      if (status != 404 || attempt >= 40) {
        return status;
      }
      sleep(50);
    }
  }

  static int post(String url, String token, String body) {
    try {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        req.header("Authorization", "Bearer " + token);
      }
      return HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void pushedCurvesDriveEarlyTerminationAndFinalValues() throws Exception {
    try (SweepHarness h = new SweepHarness(pushingTrainer())) {
      String base = h.startPushEndpoint();
      h.apply(
          EarlyTerminationIT.manifest(
              "push-median",
              "earlyTermination: {policy: medianStopping, evaluationInterval: 5,"
                  + " delayEvaluation: 20}"));
      HyperparameterSweep done = h.awaitPhase("push-median", SweepPhase.Succeeded);

      Map<String, String> env = h.trainer.environments().get(0);
      String uid = done.getMetadata().getUid();
      assertThat(uid).isNotNull();
      assertThat(env.get("HYPERSWEEP_METRICS_URL"))
          .startsWith(base + "/v1/namespaces/default/sweeps/push-median/trials/")
          .endsWith("/metrics");
      assertThat(env.get("HYPERSWEEP_METRICS_TOKEN")).isNotBlank();

      List<TrialRecord> early =
          done.getStatus().trials.stream().filter(t -> t.state == TrialState.EarlyStopped).toList();
      assertThat(early).isNotEmpty();
      early.forEach(t -> assertThat(t.curve).isNotEmpty());
      List<TrialRecord> succeeded =
          done.getStatus().trials.stream().filter(t -> t.state == TrialState.Succeeded).toList();
      assertThat(succeeded).isNotEmpty();
      for (TrialRecord t : succeeded) {
        double x = Double.parseDouble(t.parameters.get("x"));
        assertThat(t.objectiveValue)
            .isCloseTo(EarlyTerminationIT.score(x, EarlyTerminationIT.STEPS), within());
      }

      // A finished trial can no longer push, with its own token or without one.
      String url1 = base + "/v1/namespaces/default/sweeps/push-median/trials/1/metrics";
      String token1 =
          h.trainer.environments().stream()
              .filter(e -> "1".equals(e.get("HYPERSWEEP_TRIAL_NUMBER")))
              .findFirst()
              .orElseThrow()
              .get("HYPERSWEEP_METRICS_TOKEN");
      assertThat(post(url1, token1, "{\"metrics\": {\"score\": 1}}")).isEqualTo(409);
      assertThat(post(url1, null, "{\"metrics\": {\"score\": 1}}")).isEqualTo(401);
    }
  }

  /**
   * The key that signs trial tokens must never reach the status, Jobs, Events, a trial's
   * environment or the operator's log, in any of the usual encodings.
   */
  @Test
  void theSigningKeyIsNeverWrittenAnywhere() throws Exception {
    byte[] key = new byte[32];
    new java.util.SplittableRandom(11).nextBytes(key);
    List<String> forms =
        List.of(
            java.util.HexFormat.of().formatHex(key),
            java.util.Base64.getEncoder().encodeToString(key),
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    StringBuilder logged = new StringBuilder();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            synchronized (logged) {
              logged
                  .append(r.getMessage())
                  .append(' ')
                  .append(
                      r.getParameters() == null ? "" : java.util.Arrays.toString(r.getParameters()))
                  .append('\n');
              if (r.getThrown() != null) {
                logged.append(r.getThrown()).append('\n');
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    // Everything logged at the usual levels, and all of the operator's own logging.
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.logging.Logger own = java.util.logging.Logger.getLogger("io.hypersweep");
    java.util.logging.Level level = own.getLevel();
    root.addHandler(capture);
    own.setLevel(java.util.logging.Level.ALL);
    MetricsPush.shared().useKey(key);
    try (SweepHarness h = new SweepHarness(pushingTrainer())) {
      h.startPushEndpoint();
      h.apply(EarlyTerminationIT.manifest("push-key", "earlyTermination: {policy: none}"));
      h.awaitPhase("push-key", SweepPhase.Succeeded);
      var client = h.cluster.client();
      StringBuilder written = new StringBuilder();
      written.append(
          Serialization.asJson(
              client
                  .resources(HyperparameterSweep.class)
                  .inNamespace("default")
                  .withName("push-key")
                  .get()));
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace("default")
          .list()
          .getItems()
          .forEach(j -> written.append(Serialization.asJson(j)));
      client
          .v1()
          .events()
          .inNamespace("default")
          .list()
          .getItems()
          .forEach(e -> written.append(Serialization.asJson(e)));
      h.trainer.environments().forEach(e -> written.append(e));
      assertThat(h.trainer.environments()).isNotEmpty();
      assertThat(written.toString()).contains("HYPERSWEEP_METRICS_TOKEN");
      synchronized (logged) {
        written.append(logged);
      }
      for (String form : forms) {
        assertThat(written.toString()).doesNotContain(form);
      }
    } finally {
      root.removeHandler(capture);
      own.setLevel(level);
      byte[] fresh = new byte[32];
      new java.security.SecureRandom().nextBytes(fresh);
      MetricsPush.shared().useKey(fresh);
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-5);
  }
}
