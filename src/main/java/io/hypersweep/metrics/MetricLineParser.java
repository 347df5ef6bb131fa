package io.hypersweep.metrics;

import java.util.Optional;
import java.util.regex.Pattern;

/** Parses one line of a trainer's stdout into a metric report, in a configured format. */
public final class MetricLineParser {

  private final MetricFormat format;
  private final LineReader reader;

  /**
   * A parser for {@code format}.
   *
   * @throws InvalidMetricFormatException when a custom regex does not compile or does not have
   *     exactly two groups; its {@link InvalidMetricFormatException#error()} names {@code
   *     spec.metrics.regex}
   */
  public MetricLineParser(MetricFormat format) {
    this.format = format;
    format
        .validate()
        .ifPresent(
            e -> {
              throw new InvalidMetricFormatException(e);
            });
    this.reader =
        switch (format.kind()) {
          case KEY_VALUE -> RegexLineReader.keyValue();
          case JSON -> new JsonLineReader();
          case REGEX -> new RegexLineReader(Pattern.compile(format.regex()), null);
        };
  }

  /** A parser for the default {@code name=value} format. */
  public static MetricLineParser keyValue() {
    return new MetricLineParser(MetricFormat.keyValue());
  }

  /** The format this parser reads. */
  public MetricFormat format() {
    return format;
  }

  /**
   * The metric report on {@code line}, or empty when it holds no valid metric value. Never throws:
   * any text, of any length, is either a report or not. Only the first 64 KiB of a line are read; a
   * JSON line longer than that is not read at all, since its object cannot be complete.
   */
  public Optional<MetricReport> parse(String line) {
    if (line == null || line.isEmpty()) {
      return Optional.empty();
    }
    if (format.kind() == MetricFormat.Kind.JSON && LineSanitizer.exceedsCap(line)) {
      return Optional.empty();
    }
    TimestampPrefix stamped = TimestampPrefix.split(LineSanitizer.sanitize(line));
    ReportBuilder report = new ReportBuilder();
    reader.read(stamped.rest(), report);
    return report.build(stamped.timestamp());
  }
}
