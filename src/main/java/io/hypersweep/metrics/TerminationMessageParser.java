package io.hypersweep.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads final metrics from a trainer container's termination message: either one JSON object
 * (possibly spread over several lines) or lines of {@code name=value} pairs (several per line
 * allowed, separated by blanks or commas), where a line may also be a one-line JSON object.
 *
 * <p>The tolerance rule: a message must yield at least one metric. When it does, lines holding no
 * metric (a banner, or the stack trace that {@code terminationMessagePolicy: FallbackToLogsOnError}
 * puts there instead of a file) are ignored; when it does not, the whole message is an error. A
 * blank message is no error: the trainer may simply report through its log. For a name reported on
 * several lines, the last line wins, as it does in a log.
 */
public final class TerminationMessageParser {

  /** Kubernetes caps a message at 4096 bytes; anything longer did not come from the kubelet. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;

  /** How much of the message an error quotes. */
  static final int QUOTE_CHARS = 200;

  private final MetricLineParser keyValue = MetricLineParser.keyValue();
  private final MetricLineParser json = new MetricLineParser(MetricFormat.json());

  /** The metrics of {@code message}, or the reason they could not be read. Never throws. */
  public TerminationMessage parse(String message) {
    if (message == null || message.isBlank()) {
      return TerminationMessage.of(Map.of());
    }
    String text =
        message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
    Map<String, Double> metrics = new LinkedHashMap<>();
    Optional<MetricReport> whole =
        text.strip().startsWith("{") ? json.parse(text) : Optional.empty();
    if (whole.isPresent()) {
      // The sanitizer turns newlines into blanks, so a pretty-printed object parses as one line.
      metrics.putAll(whole.get().values());
    } else {
      for (String line : text.split("\r?\n")) {
        MetricLineParser parser = line.strip().startsWith("{") ? json : keyValue;
        parser.parse(line).ifPresent(r -> metrics.putAll(r.values()));
      }
    }
    if (metrics.isEmpty()) {
      return TerminationMessage.error(
          TerminationMessage.UNPARSEABLE,
          "termination message holds no name=value metric nor a JSON object of numbers: "
              + quote(text));
    }
    return TerminationMessage.of(metrics);
  }

  /** The start of {@code text} on one line, quoted, never splitting a surrogate pair. */
  static String quote(String text) {
    String flat = text.strip().replaceAll("\\p{Cntrl}+", " ");
    if (flat.length() <= QUOTE_CHARS) {
      return "\"" + flat + "\"";
    }
    int end = QUOTE_CHARS;
    if (Character.isHighSurrogate(flat.charAt(end - 1))) {
      end--;
    }
    return "\"" + flat.substring(0, end) + "...\"";
  }
}
