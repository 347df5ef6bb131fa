package io.hypersweep.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One metric report read from a trainer's output: the metric values of a line and its step.
 *
 * @param step the step ({@code step=} or {@code epoch=}) of the report, or null when the line named
 *     none
 * @param values metric name to value, in the order the line reported them; never holds the step
 * @param timestamp when the line was logged, from its RFC 3339 prefix, or null
 */
public record MetricReport(Long step, Map<String, Double> values, Instant timestamp) {

  public MetricReport {
    if (step != null && step < 0) {
      throw new IllegalArgumentException("step must be >= 0, was " + step);
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values)));
  }
}
