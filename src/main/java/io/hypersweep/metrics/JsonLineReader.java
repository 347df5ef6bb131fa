package io.hypersweep.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;

/** Reads the numeric top-level fields of a line holding exactly one JSON object. */
final class JsonLineReader implements LineReader {

  /**
   * NaN and Infinity are accepted by the syntax so that Python's json.dumps output (which writes
   * them bare) still yields the line's other, finite metrics; the non-finite ones are then dropped.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(new JsonFactory())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Override
  public void read(String text, ReportBuilder out) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return;
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(trimmed);
    } catch (IOException | RuntimeException e) {
      // Any malformed line, or one beyond Jackson's nesting and number-length limits, is simply
      // not a report; a third-party parser's failure must never abort reading the log.
      return;
    }
    if (node == null || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getValue().isNumber()) {
        out.add(field.getKey(), field.getValue().doubleValue());
      }
    }
  }
}
