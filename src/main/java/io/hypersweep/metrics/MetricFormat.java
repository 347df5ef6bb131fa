package io.hypersweep.metrics;

import io.hypersweep.validation.FieldError;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a trainer prints metric lines on stdout: {@code name=value} pairs, one JSON object per line,
 * or a user regex whose two groups capture name and value.
 *
 * @param kind which of the three formats
 * @param regex the user regex for {@link Kind#REGEX}, else null
 */
public record MetricFormat(Kind kind, String regex) {

  /** The manifest field a custom regex comes from, named in validation errors. */
  public static final String REGEX_FIELD = "spec.metrics.regex";

  /** Longer patterns are almost surely a mistake and only cost matching time on every line. */
  public static final int MAX_REGEX_LENGTH = 1024;

  /** The three supported line formats. */
  public enum Kind {
    KEY_VALUE,
    JSON,
    REGEX
  }

  public MetricFormat {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.REGEX && regex != null) {
      throw new IllegalArgumentException("a regex is only meaningful for kind REGEX");
    }
  }

  /** Katib-compatible {@code name=value} pairs, the default. */
  public static MetricFormat keyValue() {
    return new MetricFormat(Kind.KEY_VALUE, null);
  }

  /** One JSON object per line. */
  public static MetricFormat json() {
    return new MetricFormat(Kind.JSON, null);
  }

  /** A user regex; call {@link #validate()} before use to get a user-facing error. */
  public static MetricFormat regex(String regex) {
    return new MetricFormat(Kind.REGEX, regex);
  }

  /** The problem with this format, if any; only a custom regex can have one. */
  public Optional<FieldError> validate() {
    if (kind != Kind.REGEX) {
      return Optional.empty();
    }
    if (regex == null || regex.isEmpty()) {
      return error("must not be empty");
    }
    if (regex.length() > MAX_REGEX_LENGTH) {
      return error("must be at most " + MAX_REGEX_LENGTH + " characters, is " + regex.length());
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      String at = e.getIndex() >= 0 ? " at index " + e.getIndex() : "";
      return error("is not a valid Java regular expression: " + e.getDescription() + at);
    }
    int groups = pattern.matcher("").groupCount();
    if (groups != 2) {
      return error(
          "must have exactly 2 capture groups (metric name, then value), has "
              + groups
              + "; write other groups as non-capturing (?:...)");
    }
    return Optional.empty();
  }

  private static Optional<FieldError> error(String message) {
    return Optional.of(new FieldError(REGEX_FIELD, message));
  }
}
