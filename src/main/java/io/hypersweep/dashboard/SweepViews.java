package io.hypersweep.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.CurvePoint;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.ParameterSpec;
import io.hypersweep.api.SweepSpec;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialCounts;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns cached sweeps into the dashboard's JSON: a summary row per sweep and one sweep in full.
 * Pure; values are data for the browser to show as text, never markup.
 */
public final class SweepViews {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepViews() {}

  /** {@code {"serverTime", "sweeps": [...]}}, sorted by namespace and name. */
  public static ObjectNode list(List<HyperparameterSweep> sweeps, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("serverTime", now.toString());
    ArrayNode rows = root.putArray("sweeps");
    sweeps.stream()
        .sorted(
            Comparator.comparing((HyperparameterSweep s) -> s.getMetadata().getNamespace())
                .thenComparing(s -> s.getMetadata().getName()))
        .forEach(s -> summary(s, rows.addObject()));
    return root;
  }

  /** One sweep: spec, status, every trial and the operator's own recent events. */
  public static ObjectNode detail(
      HyperparameterSweep sweep,
      List<SweepEventLog.Entry> events,
      Instant eventsSince,
      Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("serverTime", now.toString());
    summary(sweep, root);
    SweepStatus status = status(sweep);
    SweepSpec spec = sweep.getSpec();
    root.put("generation", sweep.getMetadata().getGeneration());
    root.put("message", status.message);
    root.put("startTime", status.startTime);
    root.put("completionTime", status.completionTime);
    root.put("trialSeconds", status.trialSeconds);
    root.put("trialSecondsSaved", status.trialSecondsSaved);
    // Archived records are in ConfigMaps the dashboard does not cache: it says they exist.
    root.put("archivedTrials", status.archivedTrials == null ? 0 : status.archivedTrials);
    ArrayNode archive = root.putArray("archive");
    orEmpty(status.archive).forEach(c -> archive.add(c.configMap));
    root.put(
        "algorithm",
        spec != null && spec.sampling != null && spec.sampling.algorithm != null
            ? wire(spec.sampling.algorithm)
            : null);
    root.put(
        "earlyTermination",
        spec != null && spec.earlyTermination != null && spec.earlyTermination.policy != null
            ? wire(spec.earlyTermination.policy)
            : null);
    parameters(spec, root.putArray("parameters"));
    ArrayNode conditions = root.putArray("conditions");
    for (Condition c : orEmpty(status.conditions)) {
      ObjectNode o = conditions.addObject();
      o.put("type", c.getType());
      o.put("status", c.getStatus());
      o.put("reason", c.getReason());
      o.put("message", c.getMessage());
      o.put("lastTransitionTime", c.getLastTransitionTime());
    }
    ArrayNode trials = root.putArray("trials");
    for (TrialRecord t : orEmpty(status.trials)) {
      trial(t, now, trials.addObject());
    }
    root.put("specYaml", spec == null ? "" : Serialization.asYaml(spec));
    root.put("eventsSince", eventsSince.toString());
    ArrayNode list = root.putArray("events");
    for (SweepEventLog.Entry e : events) {
      ObjectNode o = list.addObject();
      o.put("time", e.time().toString());
      o.put("type", e.warning() ? "Warning" : "Normal");
      o.put("reason", e.reason());
      o.put("message", e.message());
    }
    return root;
  }

  private static void summary(HyperparameterSweep sweep, ObjectNode o) {
    SweepStatus status = status(sweep);
    SweepSpec spec = sweep.getSpec();
    o.put("namespace", sweep.getMetadata().getNamespace());
    o.put("name", sweep.getMetadata().getName());
    o.put("created", sweep.getMetadata().getCreationTimestamp());
    o.put("phase", status.phase == null ? "Pending" : status.phase.name());
    o.put("reason", phaseReason(status));
    TrialCounts c =
        status.trialCounts != null ? status.trialCounts : TrialCounts.of(orEmpty(status.trials));
    o.put("done", c.succeeded + c.failed + c.stopped + c.earlyStopped);
    o.put("running", c.pending + c.running);
    o.put("total", maxTrials(spec));
    ObjectNode counts = o.putObject("counts");
    counts.put("Pending", c.pending);
    counts.put("Running", c.running);
    counts.put("Succeeded", c.succeeded);
    counts.put("Failed", c.failed);
    counts.put("Stopped", c.stopped);
    counts.put("EarlyStopped", c.earlyStopped);
    o.put("metric", spec != null && spec.objective != null ? spec.objective.metric : null);
    o.put(
        "goal",
        spec != null && spec.objective != null && spec.objective.goal != null
            ? wire(spec.objective.goal)
            : null);
    TrialRecord best = status.bestTrial;
    if (best != null && finite(best.objectiveValue) != null) {
      o.put("bestTrial", best.number);
      o.put("bestValue", best.objectiveValue);
    }
  }

  private static int maxTrials(SweepSpec spec) {
    return spec != null && spec.limits != null && spec.limits.maxTrials != null
        ? spec.limits.maxTrials
        : ValidatedSweep.DEFAULT_MAX_TRIALS;
  }

  /** Each parameter's name and how to draw its axis: category, log or linear value. */
  private static void parameters(SweepSpec spec, ArrayNode out) {
    if (spec == null || spec.parameters == null) {
      return;
    }
    for (Map.Entry<String, ParameterSpec> p : new TreeMap<>(spec.parameters).entrySet()) {
      ObjectNode o = out.addObject();
      o.put("name", p.getKey());
      o.put("axis", axis(p.getValue()));
    }
  }

  static String axis(ParameterSpec p) {
    if (p == null || p.choice != null) {
      return "category";
    }
    if (p.loguniform != null
        || p.qloguniform != null
        || p.lognormal != null
        || p.qlognormal != null) {
      return "log";
    }
    return "value";
  }

  private static void trial(TrialRecord t, Instant now, ObjectNode o) {
    o.put("number", t.number);
    o.put("state", t.state == null ? "Pending" : t.state.name());
    o.put("reason", t.reason);
    o.put("message", t.message);
    ObjectNode params = o.putObject("parameters");
    if (t.parameters != null) {
      t.parameters.forEach(params::put);
    }
    ObjectNode metrics = o.putObject("metrics");
    if (t.metrics != null) {
      t.metrics.forEach((k, v) -> metrics.put(k, finite(v)));
    }
    o.put("objective", finite(t.objectiveValue));
    o.put("startTime", t.startTime);
    o.put("completionTime", t.completionTime);
    o.put("durationSeconds", duration(t, now));
    ArrayNode curve = o.putArray("curve");
    for (CurvePoint p : orEmpty(t.curve)) {
      if (Double.isFinite(p.value)) {
        curve.addArray().add(p.step).add(p.value);
      }
    }
    o.put("stoppedAtStep", t.stoppedAtStep);
  }

  /** Seconds from start to completion, or to now while the trial runs; null when unknown. */
  static Double duration(TrialRecord t, Instant now) {
    Instant start = instant(t.startTime);
    if (start == null) {
      return null;
    }
    Instant end = t.completionTime != null ? instant(t.completionTime) : now;
    if (end == null || (t.completionTime == null && t.state != null && t.state.isFinished())) {
      return null;
    }
    return Duration.between(start, end).toMillis() / 1000.0;
  }

  private static Instant instant(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An enum as the manifest spells it (its JSON name), e.g. maximize. */
  private static String wire(Enum<?> value) {
    return JSON.convertValue(value, String.class);
  }

  /** JSON has no NaN or infinity: such a value is shown as missing. */
  private static Double finite(Double v) {
    return v != null && Double.isFinite(v) ? v : null;
  }

  /** The reason of the condition named after the phase, like SweepStatus#phaseReason. */
  private static String phaseReason(SweepStatus status) {
    if (status.phase == null) {
      return null;
    }
    return orEmpty(status.conditions).stream()
        .filter(c -> status.phase.name().equals(c.getType()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }

  /** A status read from the API server can carry an explicit null where a list is expected. */
  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static SweepStatus status(HyperparameterSweep sweep) {
    return sweep.getStatus() == null ? new SweepStatus() : sweep.getStatus();
  }
}
