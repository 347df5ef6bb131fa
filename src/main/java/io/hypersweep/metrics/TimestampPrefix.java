package io.hypersweep.metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the RFC 3339 timestamp that the pods/log API puts in front of each line with {@code
 * timestamps=true} (a trainer may print one too) from the rest of the line.
 *
 * @param timestamp the parsed time, or null when there was no prefix or it was not a real date
 * @param rest the line after the timestamp and the blanks following it
 */
record TimestampPrefix(Instant timestamp, String rest) {

  private static final Pattern PREFIX =
      Pattern.compile(
          "\\s*(\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:[Zz]|[+-]\\d{2}:\\d{2}))"
              + "(?:\\s+|$)");

  /** Splits {@code line}; a line without a timestamp comes back whole with a null time. */
  static TimestampPrefix split(String line) {
    Matcher m = PREFIX.matcher(line);
    if (!m.lookingAt()) {
      return new TimestampPrefix(null, line);
    }
    // The shape is stripped even when the date is impossible (e.g. month 13) so that its digits
    // never reach a custom regex as if they were a metric.
    return new TimestampPrefix(parse(m.group(1)), line.substring(m.end()));
  }

  private static Instant parse(String text) {
    String iso = text.toUpperCase(Locale.ROOT).replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
