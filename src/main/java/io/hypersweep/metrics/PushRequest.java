package io.hypersweep.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hypersweep.api.MetricNames;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the body of a metrics push, {@code {"step": N, "metrics": {"name": value}}} ({@code
 * "values"} is accepted for {@code "metrics"}, step is optional), into a report.
 */
public final class PushRequest {
  /** Largest body accepted; a trainer pushes a handful of numbers, never a log. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** Most metrics in one push, the same bound as the names tracked per trial. */
  public static final int MAX_METRICS = TrialMetrics.MAX_METRIC_NAMES;

  private static final Pattern NAME = Pattern.compile(MetricNames.PATTERN);
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** Why a body was refused; the message is safe to send back to the trainer. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  private PushRequest() {}

  /** The report in {@code body}, or {@link Invalid} saying what is wrong with it. */
  public static MetricReport parse(byte[] body) throws Invalid {
    if (body == null || body.length == 0) {
      throw new Invalid("the body is empty; expected {\"metrics\": {\"name\": value}}");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new Invalid("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Invalid("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("the body must be a JSON object");
    }
    Long step = null;
    JsonNode metrics = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      switch (field.getKey()) {
        case "step" -> step = step(field.getValue());
        case "metrics", "values" -> {
          if (metrics != null) {
            throw new Invalid("give either \"metrics\" or \"values\", not both");
          }
          metrics = field.getValue();
        }
        default -> throw new Invalid("unknown field \"" + clip(field.getKey()) + "\"");
      }
    }
    if (metrics == null || !metrics.isObject() || metrics.isEmpty()) {
      throw new Invalid("\"metrics\" must be a non-empty object of name: number");
    }
    if (metrics.size() > MAX_METRICS) {
      throw new Invalid("at most " + MAX_METRICS + " metrics per push");
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new Invalid(
            "metric name \"" + clip(e.getKey()) + "\" does not match " + MetricNames.PATTERN);
      }
      JsonNode v = e.getValue();
      // JSON has no NaN or Infinity, but a huge literal such as 1e999 parses to Infinity.
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw new Invalid("metric \"" + e.getKey() + "\" must be a finite number");
      }
      values.put(e.getKey(), v.doubleValue());
    }
    return new MetricReport(step, values, null);
  }

  private static Long step(JsonNode node) throws Invalid {
    if (node.isNull()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new Invalid("\"step\" must be an integer >= 0");
    }
    return node.asLong();
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
