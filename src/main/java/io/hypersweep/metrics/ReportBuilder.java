package io.hypersweep.metrics;

import io.hypersweep.api.MetricNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Collects the name/value pairs found on one line and applies the rules shared by every format:
 * valid names only, finite values only, {@code step}/{@code epoch} as the step.
 */
final class ReportBuilder {

  static final String STEP = "step";
  static final String EPOCH = "epoch";

  private static final Pattern NAME = Pattern.compile(MetricNames.PATTERN);

  private final Map<String, Double> values = new LinkedHashMap<>();
  private Long step;
  private Long epoch;

  /** Adds a pair whose value is still text; ignores it unless both parts are valid. */
  void add(String name, CharSequence value) {
    if (name == null || value == null) {
      return;
    }
    OptionalDouble parsed = NumberSyntax.parseValue(value);
    if (parsed.isPresent()) {
      add(name, parsed.getAsDouble());
    }
  }

  /** Adds a numeric pair; ignores it unless the name is valid and the value finite. */
  void add(String name, double value) {
    if (name == null || !Double.isFinite(value)) {
      return;
    }
    if (name.equals(STEP) || name.equals(EPOCH)) {
      OptionalLong asStep = NumberSyntax.asStep(value);
      if (asStep.isPresent()) {
        if (name.equals(STEP)) {
          step = asStep.getAsLong();
        } else {
          epoch = asStep.getAsLong();
        }
      }
      // An invalid step is dropped rather than recorded as a metric: "step" is reserved.
      return;
    }
    if (NAME.matcher(name).matches()) {
      // Re-putting moves nothing in a LinkedHashMap, so a repeated name keeps its first position
      // but its last value, like the last write in the trainer's own code.
      values.put(name, value);
    }
  }

  /**
   * The report, or empty when the line held no metric value. A step alone is not a report. When a
   * line names both, {@code step} wins over {@code epoch} because it is the finer progress measure.
   */
  Optional<MetricReport> build(Instant timestamp) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MetricReport(step != null ? step : epoch, values, timestamp));
  }
}
