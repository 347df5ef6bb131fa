package io.hypersweep.metrics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Feeds random text to every parser and checks that nothing escapes and results stay valid. */
class ParserRobustnessTest {

  private static final int INPUTS = 10_000;

  /** Characters that steer random text towards the parsers' interesting paths. */
  private static final String ALPHABET =
      "abcxyz_ACC./-=0123456789.eE+- ,;:{}[]\"'\t\r\n\u0000\u001b[mTZ|()\\\u00e9\u7cbe\uD83D";

  private final List<MetricLineParser> lineParsers =
      List.of(
          MetricLineParser.keyValue(),
          new MetricLineParser(MetricFormat.json()),
          new MetricLineParser(MetricFormat.regex("([a-z_]+)[=:]\\s*(\\S*)")));
  private final TerminationMessageParser terminationParser = new TerminationMessageParser();

  @Test
  void randomAlphabetStringsNeverThrow() {
    Random random = new Random(20261204L);
    for (int i = 0; i < INPUTS; i++) {
      int length = random.nextInt(200);
      StringBuilder s = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      check(s.toString());
    }
  }

  @Test
  void randomBytesAndCharsNeverThrow() {
    Random random = new Random(42L);
    for (int i = 0; i < INPUTS; i++) {
      String input;
      if (i % 2 == 0) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        input = new String(bytes, StandardCharsets.UTF_8);
      } else {
        char[] chars = new char[random.nextInt(300)];
        for (int j = 0; j < chars.length; j++) {
          chars[j] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        input = new String(chars);
      }
      check(input);
      check("2026-12-04T15:33:40Z " + input);
      check("{\"loss\": " + input);
    }
  }

  /** Plain checks rather than AssertJ chains: this runs 100k times and must stay quick. */
  private void check(String input) {
    try {
      for (MetricLineParser parser : lineParsers) {
        parser.parse(input).ifPresent(ParserRobustnessTest::checkReport);
      }
      TerminationMessage m = terminationParser.parse(input);
      if (!m.metrics().values().stream().allMatch(Double::isFinite)
          || (m.isError() && m.message().length() > 400)) {
        throw new AssertionError("invalid termination result " + m);
      }
    } catch (RuntimeException | Error e) {
      throw new AssertionError("failed on input " + escape(input), e);
    }
  }

  private static void checkReport(MetricReport r) {
    boolean valid =
        !r.values().isEmpty()
            && r.values().values().stream().allMatch(Double::isFinite)
            && (r.step() == null || r.step() >= 0);
    if (!valid) {
      throw new AssertionError("invalid report " + r);
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars()
        .forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
    return out.toString();
  }
}
