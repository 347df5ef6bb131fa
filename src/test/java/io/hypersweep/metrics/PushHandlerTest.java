package io.hypersweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests the push endpoint's answers, without a server. */
class PushHandlerTest {
  private static final String NS = "team";
  private static final String SWEEP = "lr";
  private static final String UID = "uid-1";

  private final PushTokens tokens = new PushTokens(new byte[32]);
  private final TrialRegistry registry = new TrialRegistry();
  private final PushInbox inbox = new PushInbox();
  private final PushHandler handler = new PushHandler(() -> tokens, registry, inbox);

  @BeforeEach
  void sweeps() {
    registry.update(NS, SWEEP, UID, Map.of(1, true, 2, true, 3, false));
    registry.update(NS, "other", "uid-2", Map.of(1, true));
  }

  private static String path(String sweep, int n) {
    return "/v1/namespaces/" + NS + "/sweeps/" + sweep + "/trials/" + n + "/metrics";
  }

  private PushHandler.Response push(int n, String token, String body) {
    return push(SWEEP, n, token, body);
  }

  private PushHandler.Response push(String sweep, int n, String token, String body) {
    Map<String, String> headers =
        token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
    return handler.handle("POST", path(sweep, n), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private String token(int n) {
    return tokens.token(NS, SWEEP, UID, n);
  }

  @Test
  void goodPushIsAcceptedAndQueued() {
    PushHandler.Response r =
        push(1, token(1), "{\"step\": 4, \"metrics\": {\"val_acc\": 0.8, \"loss\": 1}}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json()).contains("\"status\":202");
    List<MetricReport> got = inbox.drain(NS, SWEEP, 1);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).step()).isEqualTo(4L);
    assertThat(got.get(0).values()).containsEntry("val_acc", 0.8).containsEntry("loss", 1.0);
    assertThat(inbox.drain(NS, SWEEP, 1)).isEmpty();
  }

  @Test
  void valuesAndNoStepAreAccepted() {
    assertThat(push(1, token(1), "{\"values\": {\"val_acc\": 1e-3}}").status()).isEqualTo(202);
    assertThat(inbox.drain(NS, SWEEP, 1).get(0).step()).isNull();
  }

  @Test
  void missingOrForgedTokenIs401() {
    String body = "{\"metrics\": {\"a\": 1}}";
    assertThat(push(1, null, body).status()).isEqualTo(401);
    assertThat(push(1, "not-a-token", body).status()).isEqualTo(401);
    assertThat(
            push(
                    1,
                    new PushTokens(
                            new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
                        .token(NS, SWEEP, UID, 1),
                    body)
                .status())
        .isEqualTo(401);
    assertThat(
            handler
                .handle(
                    "POST",
                    path(SWEEP, 1),
                    Map.of("Authorization", "Basic " + token(1)),
                    body.getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(401);
    assertThat(inbox.drain(NS, SWEEP, 1)).isEmpty();
  }

  @Test
  void anotherTrialsTokenIs401() {
    assertThat(push(1, token(2), "{\"metrics\": {\"a\": 1}}").status()).isEqualTo(401);
  }

  @Test
  void anotherSweepsTokenIs401() {
    String otherSweeps = tokens.token(NS, "other", "uid-2", 1);
    assertThat(push(1, otherSweeps, "{\"metrics\": {\"a\": 1}}").status()).isEqualTo(401);
    // A token of an earlier sweep with the same name (another UID) is refused too.
    assertThat(push(1, tokens.token(NS, SWEEP, "uid-0", 1), "{\"metrics\": {\"a\": 1}}").status())
        .isEqualTo(401);
  }

  @Test
  void finishedTrialIs409() {
    assertThat(push(3, token(3), "{\"metrics\": {\"a\": 1}}").status()).isEqualTo(409);
  }

  @Test
  void unknownSweepOrTrialIs404() {
    assertThat(
            push("nope", 1, tokens.token(NS, "nope", UID, 1), "{\"metrics\": {\"a\": 1}}").status())
        .isEqualTo(404);
    assertThat(push(9, token(9), "{\"metrics\": {\"a\": 1}}").status()).isEqualTo(404);
    assertThat(handler.handle("POST", "/v1/elsewhere", Map.of(), new byte[0]).status())
        .isEqualTo(404);
  }

  @Test
  void otherMethodsAre405() {
    assertThat(handler.handle("GET", path(SWEEP, 1), Map.of(), new byte[0]).status())
        .isEqualTo(405);
  }

  @Test
  void badJsonIs400() {
    for (String body :
        List.of(
            "",
            "{",
            "[1,2]",
            "42",
            "{\"metrics\": {}}",
            "{\"metrics\": [1]}",
            "{\"step\": 1}",
            "{\"metrics\": {\"a\": 1}, \"extra\": 2}",
            "{\"metrics\": {\"a\": 1}, \"values\": {\"b\": 2}}",
            "{\"metrics\": {\"a\": 1, \"a\": 2}}",
            "{\"metrics\": {\"a\": \"1\"}}",
            "{\"metrics\": {\"a\": null}}",
            "{\"metrics\": {\"a\": true}}",
            "{\"step\": -1, \"metrics\": {\"a\": 1}}",
            "{\"step\": 1.5, \"metrics\": {\"a\": 1}}",
            "{\"step\": \"3\", \"metrics\": {\"a\": 1}}")) {
      assertThat(push(1, token(1), body).status()).as(body).isEqualTo(400);
    }
    assertThat(inbox.drain(NS, SWEEP, 1)).isEmpty();
  }

  @Test
  void nonFiniteValuesAre400() {
    for (String v : List.of("NaN", "Infinity", "-Infinity", "1e999", "-1e999")) {
      String body = "{\"metrics\": {\"a\": " + v + "}}";
      assertThat(push(1, token(1), body).status()).as(body).isEqualTo(400);
    }
  }

  @Test
  void badNamesAre400() {
    for (String name : List.of("", "1abc", "a b", "a=b", "x".repeat(64), "é")) {
      String body = "{\"metrics\": {\"" + name + "\": 1}}";
      assertThat(push(1, token(1), body).status()).as(body).isEqualTo(400);
    }
  }

  @Test
  void hugeBodyIs400() {
    StringBuilder b = new StringBuilder("{\"metrics\": {\"a\": 1}, \"pad\": \"");
    b.append("x".repeat(PushRequest.MAX_BODY_BYTES));
    b.append("\"}");
    PushHandler.Response r = push(1, token(1), b.toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json()).contains("larger than");
  }

  @Test
  void messagesAreJsonAndNeverEchoTheToken() {
    PushHandler.Response r = push(1, "secret\"token", "{\"metrics\": {\"a\": 1}}");
    assertThat(r.json()).doesNotContain("secret");
    PushHandler.Response bad = push(1, token(1), "{\"metrics\": {\"a\\\"b\": 1}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json()).startsWith("{\"status\":400,\"message\":\"").endsWith("\"}");
  }

  @Test
  void inboxIsBoundedPerTrialAndInTrials() {
    PushInbox small = new PushInbox(3, 2);
    for (int i = 0; i < 5; i++) {
      small.offer(NS, SWEEP, 1, new MetricReport((long) i, Map.of("a", 1.0), null));
    }
    assertThat(small.drain(NS, SWEEP, 1))
        .extracting(MetricReport::step)
        .containsExactly(2L, 3L, 4L);
    small.offer(NS, SWEEP, 1, new MetricReport(null, Map.of("a", 1.0), null));
    small.offer(NS, SWEEP, 2, new MetricReport(null, Map.of("a", 1.0), null));
    small.offer(NS, SWEEP, 3, new MetricReport(null, Map.of("a", 1.0), null));
    assertThat(small.drain(NS, SWEEP, 1)).isEmpty();
    assertThat(small.drain(NS, SWEEP, 3)).hasSize(1);
  }
}
