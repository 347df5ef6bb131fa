package io.hypersweep.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
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

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-5);
  }
}
