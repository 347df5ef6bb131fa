package io.hypersweep.badinput;

import io.hypersweep.metrics.MetricLineParser;
import io.hypersweep.metrics.MetricReport;
import io.hypersweep.metrics.TerminationMessage;
import io.hypersweep.metrics.TerminationMessageParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Fuzzing of the metric parsers: no text makes them throw or report a non-finite value. */
class MetricParserFuzzTest {
  private static final List<String> PREFIXES =
      List.of(
          "",
          "2026-12-04T15:33:40Z ",
          "2026-12-04T15:33:40.123456789+02:00 ",
          "2026-13-45T99:99:99Z ",
          "{",
          "{\"loss\": ",
          "[",
          "\uFEFF",
          "\u001b[32m",
          "INFO  ");
  private static final List<String> EQUALS = List.of("=", " = ", ":", "==", "=\u0000", "\u2260");
  private static final List<String> NAMES =
      List.of("loss", "val_accuracy", "epoch", "step", "\u00e9", "\u7cbe\u5ea6", "");
  private static final List<String> ODD_VALUES =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "inf",
          "1e309",
          "-1e309",
          "1e-400",
          "0x1p3",
          "1_000",
          "+",
          "-",
          ".",
          "1.2.3",
          "--1",
          "1e",
          "",
          "\u0661\u0662",
          "\uD83D\uDE00",
          "\uD83D",
          "null",
          "true",
          "\"0.5\"",
          "[1, 2]",
          "1" + "0".repeat(400));
  private static final List<String> SEPARATORS =
      List.of(" ", ",", ", ", "\t", ";", "\u0000", "\r", "\n", "\u001b[0m", "\u2028", "\u00a0");

  private final MetricLineParser keyValue = MetricLineParser.keyValue();
  private final TerminationMessageParser termination = new TerminationMessageParser();
  private final SplittableRandom random = new SplittableRandom(20261204);

  @AfterAll
  static void figures() {
    BadInputFigures.write();
  }

  @Test
  void arbitraryStringsNeverThrow() {
    for (int i = 0; i < 3000; i++) {
      check(anyString(500));
    }
  }

  @Test
  void metricLikeLinesNeverThrow() {
    for (int i = 0; i < 3000; i++) {
      check(metricLine());
    }
  }

  @Test
  void multiLineMessagesNeverThrow() {
    for (int i = 0; i < 1000; i++) {
      StringBuilder message = new StringBuilder();
      int lines = random.nextInt(13);
      for (int l = 0; l < lines; l++) {
        message
            .append(random.nextBoolean() ? metricLine() : json())
            .append(l % 2 == 0 ? "\n" : "\r\n");
      }
      check(message.toString());
    }
  }

  @Test
  void veryLongLinesNeverThrow() {
    for (int i = 0; i < 100; i++) {
      String pair = pair() + pick(List.of(" ", ",", ""));
      check(
          pair.repeat(Math.max(1, (1_000 + random.nextInt(39_000)) / Math.max(1, pair.length()))));
    }
  }

  private void check(String text) {
    BadInputFigures.PARSER_FUZZ.incrementAndGet();
    Optional<MetricReport> report = keyValue.parse(text);
    if (report == null) {
      throw new AssertionError("parse returned null for " + text);
    }
    report.ifPresent(r -> finite(r.values(), text));
    TerminationMessage message = termination.parse(text);
    if (message == null) {
      throw new AssertionError("termination parse returned null");
    }
    finite(message.metrics(), text);
  }

  private static void finite(Map<String, Double> values, String text) {
    values.forEach(
        (name, value) -> {
          if (value == null || !Double.isFinite(value)) {
            throw new AssertionError(name + "=" + value + " from " + text);
          }
        });
  }

  private String metricLine() {
    StringBuilder line = new StringBuilder(pick(PREFIXES));
    String separator = pick(SEPARATORS);
    int pairs = random.nextInt(26);
    for (int i = 0; i < pairs; i++) {
      line.append(i == 0 ? "" : separator).append(pair());
    }
    return line.toString();
  }

  private String json() {
    return "{\"" + name() + "\": " + value() + ", \"" + name() + "\": {\"n\": " + value() + "}}";
  }

  private String pair() {
    return name() + pick(EQUALS) + value();
  }

  private String name() {
    return switch (random.nextInt(3)) {
      case 0 ->
          fromAlphabet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-", 80);
      case 1 -> pick(NAMES);
      default -> anyString(10);
    };
  }

  private String value() {
    return switch (random.nextInt(5)) {
      case 0 -> String.valueOf(Double.longBitsToDouble(random.nextLong()));
      case 1 -> String.valueOf(random.nextLong());
      case 2 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)));
      case 3 -> pick(ODD_VALUES);
      default -> anyString(30);
    };
  }

  /** Any UTF-16 text, surrogates and control characters included. */
  private String anyString(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10000)));
    }
    return s.toString();
  }

  private String fromAlphabet(String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
