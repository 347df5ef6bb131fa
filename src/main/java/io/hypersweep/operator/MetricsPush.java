package io.hypersweep.operator;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.metrics.PushHandler;
import io.hypersweep.metrics.PushInbox;
import io.hypersweep.metrics.PushTokens;
import io.hypersweep.metrics.TrialRegistry;
import io.hypersweep.observe.PushedMetrics;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Edge: the state the metrics push endpoint shares with the reconciler in one operator process
 * (key, inbox, running trials, base URL), so the HTTP server and the reconciler need not know each
 * other.
 */
public final class MetricsPush {
  private static final MetricsPush SHARED = new MetricsPush();

  private volatile PushTokens tokens = new PushTokens(randomKey());
  private volatile String baseUrl;
  private final PushInbox inbox = new PushInbox();
  private final TrialRegistry registry = new TrialRegistry();
  private final PushedMetrics pushed = new PushedMetrics(inbox);
  private final PushHandler handler = new PushHandler(() -> tokens, registry, inbox);

  /** The operator process's one instance: Quarkus's HTTP route and every reconciler use it. */
  public static MetricsPush shared() {
    return SHARED;
  }

  /** A random key, for processes whose tokens need not outlive them (local mode, tests). */
  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** Uses {@code key} from now on; tokens minted under the previous key stop working. */
  public void useKey(byte[] key) {
    tokens = new PushTokens(key);
  }

  /**
   * Sets the URL trials reach the endpoint at, e.g. {@code http://hypersweep.ns.svc:8080}; null or
   * blank: trials get no push variables.
   */
  public void setBaseUrl(String url) {
    baseUrl = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
  }

  public Optional<String> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  public PushHandler handler() {
    return handler;
  }

  PushedMetrics pushed() {
    return pushed;
  }

  /** The push variables of one trial, empty when the base URL or the sweep's UID is unknown. */
  Map<String, String> trialEnv(HyperparameterSweep sweep, int number) {
    String url = baseUrl;
    String uid = sweep.getMetadata().getUid();
    if (url == null || uid == null) {
      return Map.of();
    }
    String ns = sweep.getMetadata().getNamespace();
    String name = sweep.getMetadata().getName();
    return Map.of(
        "HYPERSWEEP_METRICS_URL",
        url + "/v1/namespaces/" + ns + "/sweeps/" + name + "/trials/" + number + "/metrics",
        "HYPERSWEEP_METRICS_TOKEN",
        tokens.token(ns, name, uid, number));
  }

  /** Records which of the sweep's trials may still push, after a reconcile decided its status. */
  void track(HyperparameterSweep sweep, SweepStatus status) {
    Map<Integer, Boolean> running = new HashMap<>();
    for (TrialRecord rec : status.trials) {
      running.put(rec.number, !rec.state.isFinished());
    }
    registry.update(
        sweep.getMetadata().getNamespace(),
        sweep.getMetadata().getName(),
        String.valueOf(sweep.getMetadata().getUid()),
        running);
  }
}
