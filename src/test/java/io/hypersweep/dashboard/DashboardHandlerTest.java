package io.hypersweep.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypersweep.api.CurvePoint;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialCounts;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.planning.SweepEvent;
import io.hypersweep.validation.TestSweeps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the dashboard handler: read-only, escaped, with its security headers. */
class DashboardHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-01-01T00:10:00Z");
  private static final String MARKUP = "<script>alert(1)</script>";

  private final List<HyperparameterSweep> sweeps = new ArrayList<>();
  private final SweepEventLog events = new SweepEventLog(Clock.fixed(NOW, ZoneOffset.UTC));
  private final DashboardHandler handler =
      new DashboardHandler(() -> sweeps, events, Clock.fixed(NOW, ZoneOffset.UTC));

  private static TrialRecord trial(int n, TrialState state, Double value) {
    TrialRecord t = new TrialRecord();
    t.number = n;
    t.name = "demo-" + n;
    t.state = state;
    t.parameters.put("x", "0." + n);
    t.parameters.put("depth", n == 2 ? MARKUP : "4");
    if (value != null) {
      t.metrics.put("score", value);
      t.objectiveValue = value;
    }
    t.startTime = "2025-01-01T00:00:0" + n + "Z";
    t.completionTime = state.isFinished() ? "2025-01-01T00:01:0" + n + "Z" : null;
    return t;
  }

  private static HyperparameterSweep sweep(String name) {
    HyperparameterSweep s =
        TestSweeps.parse(TestSweeps.VALID.replace("name: demo", "name: " + name));
    s.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
    SweepStatus status = new SweepStatus();
    status.phase = SweepPhase.Running;
    status.trials.add(trial(1, TrialState.Succeeded, 0.5));
    status.trials.add(trial(2, TrialState.Failed, null));
    TrialRecord early = trial(3, TrialState.EarlyStopped, null);
    early.curve.add(new CurvePoint(5, 0.1));
    early.curve.add(new CurvePoint(10, Double.NaN));
    early.stoppedAtStep = 10L;
    status.trials.add(early);
    status.trials.add(trial(4, TrialState.Running, null));
    status.trials.add(trial(5, TrialState.Succeeded, Double.POSITIVE_INFINITY));
    status.trialCounts = TrialCounts.of(status.trials);
    status.bestTrial = status.trials.get(0);
    s.setStatus(status);
    return s;
  }

  private JsonNode json(DashboardHandler.Response r) throws Exception {
    assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    return JSON.readTree(r.body());
  }

  @Test
  void listsSweepsSortedWithProgressAndBest() throws Exception {
    sweeps.add(sweep("zeta"));
    sweeps.add(sweep("alpha"));

    DashboardHandler.Response r = handler.handle("GET", "/dashboard/api/sweeps");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("serverTime").asText()).isEqualTo(NOW.toString());
    JsonNode first = body.get("sweeps").get(0);
    assertThat(first.get("name").asText()).isEqualTo("alpha");
    assertThat(body.get("sweeps").get(1).get("name").asText()).isEqualTo("zeta");
    assertThat(first.get("phase").asText()).isEqualTo("Running");
    assertThat(first.get("done").asInt()).isEqualTo(4);
    assertThat(first.get("running").asInt()).isEqualTo(1);
    assertThat(first.get("total").asInt()).isEqualTo(8);
    assertThat(first.get("bestTrial").asInt()).isEqualTo(1);
    assertThat(first.get("bestValue").asDouble()).isEqualTo(0.5);
    assertThat(first.get("goal").asText()).isEqualTo("maximize");
  }

  @Test
  void oneSweepHasTrialsSpecConditionsAndTheOperatorsEvents() throws Exception {
    sweeps.add(sweep("demo"));
    events.record("default", "demo", "u-1", List.of(new SweepEvent(true, "TrialFailed", MARKUP)));

    JsonNode d = json(handler.handle("GET", "/dashboard/api/namespaces/default/sweeps/demo"));

    assertThat(d.get("trials")).hasSize(5);
    JsonNode failed = d.get("trials").get(1);
    assertThat(failed.get("state").asText()).isEqualTo("Failed");
    assertThat(failed.get("parameters").get("depth").asText()).isEqualTo(MARKUP);
    assertThat(failed.get("objective").isNull()).isTrue();
    assertThat(failed.get("durationSeconds").asDouble()).isEqualTo(60.0);
    JsonNode early = d.get("trials").get(2);
    // NaN has no JSON form: the point is left out rather than breaking the page's JSON.parse.
    assertThat(early.get("curve")).hasSize(1);
    assertThat(early.get("curve").get(0).get(0).asLong()).isEqualTo(5);
    assertThat(early.get("stoppedAtStep").asLong()).isEqualTo(10);
    assertThat(d.get("trials").get(3).get("durationSeconds").asDouble()).isEqualTo(596.0);
    assertThat(d.get("trials").get(4).get("objective").isNull()).isTrue();
    assertThat(d.get("parameters").findValuesAsText("name")).containsExactly("depth", "x");
    assertThat(d.get("parameters").findValuesAsText("axis")).containsExactly("category", "value");
    assertThat(d.get("specYaml").asText()).contains("metric: \"score\"").contains("trialTemplate");
    assertThat(d.get("events").get(0).get("type").asText()).isEqualTo("Warning");
    assertThat(d.get("events").get(0).get("message").asText()).isEqualTo(MARKUP);
    assertThat(d.get("eventsSince").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void aSweepWithoutStatusOrWithNullListsStillRenders() throws Exception {
    HyperparameterSweep fresh = sweep("fresh");
    fresh.setStatus(null);
    HyperparameterSweep odd = sweep("odd");
    odd.getStatus().trials = null;
    odd.getStatus().conditions = null;
    odd.getStatus().trialCounts = null;
    sweeps.add(fresh);
    sweeps.add(odd);

    JsonNode f = json(handler.handle("GET", "/dashboard/api/namespaces/default/sweeps/fresh"));
    assertThat(f.get("phase").asText()).isEqualTo("Pending");
    assertThat(f.get("done").asInt()).isZero();
    JsonNode o = json(handler.handle("GET", "/dashboard/api/namespaces/default/sweeps/odd"));
    assertThat(o.get("trials")).isEmpty();
    assertThat(o.get("conditions")).isEmpty();
  }

  @Test
  void unknownSweepsAndEndpointsAre404() throws Exception {
    DashboardHandler.Response missing =
        handler.handle("GET", "/dashboard/api/namespaces/default/sweeps/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get("message").asText()).isEqualTo("no sweep default/nope");
    assertThat(handler.handle("GET", "/dashboard/api/namespaces/Bad_NS/sweeps/x").status())
        .isEqualTo(404);
    assertThat(handler.handle("GET", "/dashboard/../pom.xml").status()).isEqualTo(404);
    assertThat(handler.handle("GET", "/dashboard/static/../index.html").status()).isEqualTo(404);
    assertThat(handler.handle("GET", "/elsewhere").status()).isEqualTo(404);
  }

  @Test
  void isReadOnly() {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      DashboardHandler.Response r = handler.handle(method, "/dashboard/api/sweeps");
      assertThat(r.status()).as(method).isEqualTo(405);
      assertThat(r.headers()).containsEntry("Allow", "GET, HEAD");
    }
    DashboardHandler.Response head = handler.handle("HEAD", "/dashboard/");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void servesPagesScriptsAndEchartsWithSecurityHeaders() {
    DashboardHandler.Response index = handler.handle("GET", "/dashboard/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers()).containsEntry("Content-Type", "text/html; charset=utf-8");
    String html = new String(index.body(), StandardCharsets.UTF_8);
    assertThat(html).contains("<script src=\"static/sweeps.js\" defer></script>");
    for (String path :
        List.of(
            "/dashboard/",
            "/dashboard/sweep.html",
            "/dashboard/static/sweep.js",
            "/dashboard/api/sweeps",
            "/dashboard/nothing")) {
      DashboardHandler.Response r = handler.handle("GET", path);
      assertThat(r.headers())
          .as(path)
          .containsEntry("X-Content-Type-Options", "nosniff")
          .containsEntry("Content-Security-Policy", DashboardHandler.CSP);
    }
    assertThat(DashboardHandler.CSP).contains("script-src 'self';").doesNotContain("unsafe-eval");
    DashboardHandler.Response echarts = handler.handle("GET", "/dashboard/static/echarts.min.js");
    assertThat(echarts.status()).isEqualTo(200);
    assertThat(echarts.headers()).containsEntry("Content-Type", "text/javascript; charset=utf-8");
    assertThat(new String(echarts.body(), 0, 2000, StandardCharsets.UTF_8)).contains("echarts");
    DashboardHandler.Response bare = handler.handle("GET", "/dashboard");
    assertThat(bare.status()).isEqualTo(308);
    assertThat(bare.headers()).containsEntry("Location", "dashboard/");
  }

  @Test
  void pagesRunNoInlineScriptAndNeverUseInnerHtml() {
    for (String page : List.of("/dashboard/", "/dashboard/sweep.html")) {
      String html = new String(handler.handle("GET", page).body(), StandardCharsets.UTF_8);
      assertThat(html.replaceAll("<script src=\"[^\"]+\" defer></script>", ""))
          .as(page)
          .doesNotContain("<script")
          .doesNotContain(" on");
    }
    for (String js : List.of("common.js", "sweeps.js", "sweep.js")) {
      String source =
          new String(
              handler.handle("GET", "/dashboard/static/" + js).body(), StandardCharsets.UTF_8);
      assertThat(source).as(js).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
    }
  }
}
