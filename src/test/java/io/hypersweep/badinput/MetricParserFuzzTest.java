package io.hypersweep.badinput;

import io.hypersweep.metrics.MetricLineParser;
import io.hypersweep.metrics.MetricReport;
import io.hypersweep.metrics.TerminationMessage;
import io.hypersweep.metrics.TerminationMessageParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Property-based fuzzing of the metric parsers: no text makes them throw or report NaN. */
class MetricParserFuzzTest {
  private final MetricLineParser keyValue = MetricLineParser.keyValue();
  private final TerminationMessageParser termination = new TerminationMessageParser();

  @Property(tries = 3000)
  void arbitraryStringsNeverThrow(@ForAll @StringLength(max = 500) String text) {
    check(text);
  }

  @Property(tries = 3000)
  void metricLikeLinesNeverThrow(@ForAll("metricLines") String line) {
    check(line);
  }

  @Property(tries = 1000)
  void multiLineMessagesNeverThrow(@ForAll("messages") String message) {
    check(message);
  }

  @Property(tries = 100)
  void veryLongLinesNeverThrow(@ForAll("longLines") String line) {
    check(line);
  }

  private void check(String text) {
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

  @Provide
  Arbitrary<String> metricLines() {
    Arbitrary<String> prefix =
        Arbitraries.of(
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
    Arbitrary<String> pairs = pair().list().ofMaxSize(25).map(List::copyOf).map(l -> l.toString());
    Arbitrary<String> joined =
        Combinators.combine(pair().list().ofMaxSize(25), separator())
            .as((list, sep) -> String.join(sep, list));
    return Combinators.combine(prefix, Arbitraries.oneOf(joined, pairs)).as(String::concat);
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> json =
        Combinators.combine(name(), value(), name(), value())
            .as((a, x, b, y) -> "{\"" + a + "\": " + x + ", \"" + b + "\": {\"n\": " + y + "}}");
    return Arbitraries.oneOf(metricLines(), json)
        .list()
        .ofMaxSize(12)
        .map(lines -> String.join(lines.size() % 2 == 0 ? "\n" : "\r\n", lines));
  }

  @Provide
  Arbitrary<String> longLines() {
    return Combinators.combine(
            pair(), Arbitraries.integers().between(1_000, 40_000), Arbitraries.of(" ", ",", ""))
        .as((p, n, sep) -> (p + sep).repeat(Math.max(1, n / Math.max(1, p.length() + 1))));
  }

  private Arbitrary<String> pair() {
    return Combinators.combine(
            name(), Arbitraries.of("=", " = ", ":", "==", "=\u0000", "\u2260"), value())
        .as((n, e, v) -> n + e + v);
  }

  private Arbitrary<String> name() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars("_./-").ofMaxLength(80),
        Arbitraries.of("loss", "val_accuracy", "epoch", "step", "\u00e9", "\u7cbe\u5ea6", ""),
        Arbitraries.strings().ofMaxLength(10));
  }

  private Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigIntegers()
            .between(
                new java.math.BigInteger("-1" + "0".repeat(400)),
                new java.math.BigInteger("1" + "0".repeat(400)))
            .map(String::valueOf),
        Arbitraries.of(
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
            "[1, 2]"),
        Arbitraries.strings().ofMaxLength(30));
  }

  private Arbitrary<String> separator() {
    return Arbitraries.of(
        " ", ",", ", ", "\t", ";", "\u0000", "\r", "\n", "\u001b[0m", "\u2028", "\u00a0", "  ");
  }
}
