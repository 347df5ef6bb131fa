package io.hypersweep.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a trainer container's termination message held: its final metrics, or why none could be
 * read.
 *
 * @param metrics metric name to final value; empty when there was an error or no message
 * @param reason a CamelCase reason when the message could not be read, else null
 * @param message a short explanation for users when the message could not be read, else null
 */
public record TerminationMessage(Map<String, Double> metrics, String reason, String message) {

  /** The reason for a non-blank termination message from which no metric could be read. */
  public static final String UNPARSEABLE = "UnparseableTerminationMessage";

  public TerminationMessage {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics)));
    if ((reason == null) != (message == null)) {
      throw new IllegalArgumentException("reason and message go together");
    }
    if (reason != null && !metrics.isEmpty()) {
      throw new IllegalArgumentException("an error carries no metrics");
    }
  }

  /** A readable message with these metrics (possibly none). */
  public static TerminationMessage of(Map<String, Double> metrics) {
    return new TerminationMessage(metrics, null, null);
  }

  /** An unreadable message. */
  public static TerminationMessage error(String reason, String message) {
    return new TerminationMessage(Map.of(), reason, message);
  }

  /** True when the message could not be read. */
  public boolean isError() {
    return reason != null;
  }
}
