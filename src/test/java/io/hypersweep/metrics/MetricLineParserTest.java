package io.hypersweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link MetricLineParser} in its three formats. */
class MetricLineParserTest {

  private final MetricLineParser kv = MetricLineParser.keyValue();
  private final MetricLineParser json = new MetricLineParser(MetricFormat.json());

  private Map<String, Double> values(MetricLineParser parser, String line) {
    return parser.parse(line).orElseThrow().values();
  }

  @Test
  void readsKatibStyleLine() {
    assertThat(values(kv, "loss=0.3 accuracy=0.9"))
        .containsExactly(entry("loss", 0.3), entry("accuracy", 0.9));
  }

  @Test
  void readsPairsAmongOtherText() {
    assertThat(values(kv, "Epoch 3 done: val_accuracy = 0.93, val/loss=0.12; lr=1e-3"))
        .containsExactly(entry("val_accuracy", 0.93), entry("val/loss", 0.12), entry("lr", 1e-3));
  }

  @Test
  void readsCommaSeparatedPairs() {
    assertThat(values(kv, "loss=0.3,accuracy=0.9,f1-score=.5"))
        .containsExactly(entry("loss", 0.3), entry("accuracy", 0.9), entry("f1-score", 0.5));
  }

  @Test
  void readsSignsAndExponents() {
    assertThat(values(kv, "a=1e-3 b=-2.5E+2 c=+4 d=-.25 e=3. f=1e-400"))
        .containsExactly(
            entry("a", 0.001),
            entry("b", -250.0),
            entry("c", 4.0),
            entry("d", -0.25),
            entry("e", 3.0),
            entry("f", 0.0));
  }

  @Test
  void takesStepOrEpochAsTheStep() {
    MetricReport r = kv.parse("step=120 loss=0.3").orElseThrow();
    assertThat(r.step()).isEqualTo(120L);
    assertThat(r.values()).containsOnlyKeys("loss");

    MetricReport e = kv.parse("epoch=4 loss=0.3").orElseThrow();
    assertThat(e.step()).isEqualTo(4L);
    assertThat(e.values()).containsOnlyKeys("loss");

    assertThat(kv.parse("epoch=2 step=1000 loss=0.3").orElseThrow().step()).isEqualTo(1000L);
    assertThat(kv.parse("loss=0.3").orElseThrow().step()).isNull();
  }

  @Test
  void ignoresInvalidSteps() {
    for (String line : new String[] {"step=-1 loss=1", "step=2.5 loss=1", "step=1e300 loss=1"}) {
      MetricReport r = kv.parse(line).orElseThrow();
      assertThat(r.step()).as(line).isNull();
      assertThat(r.values()).as(line).containsOnlyKeys("loss");
    }
    assertThat(kv.parse("step=3.0 loss=1").orElseThrow().step()).isEqualTo(3L);
  }

  @Test
  void aStepAloneIsNoReport() {
    assertThat(kv.parse("step=5")).isEmpty();
    assertThat(json.parse("{\"epoch\": 5}")).isEmpty();
  }

  @Test
  void stripsKubernetesTimestamp() {
    MetricReport r = kv.parse("2026-12-04T15:33:40.123456789Z loss=0.3 accuracy=0.9").orElseThrow();
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-12-04T15:33:40.123456789Z"));
    assertThat(r.values()).containsExactly(entry("loss", 0.3), entry("accuracy", 0.9));

    MetricReport offset = kv.parse("2026-12-04T16:33:40+01:00 loss=1").orElseThrow();
    assertThat(offset.timestamp()).isEqualTo(Instant.parse("2026-12-04T15:33:40Z"));
    assertThat(kv.parse("loss=1").orElseThrow().timestamp()).isNull();
  }

  @Test
  void impossibleTimestampIsStrippedWithoutTime() {
    MetricLineParser numbers = new MetricLineParser(MetricFormat.regex("(\\w+)\\D*(\\d+)"));
    MetricReport r = numbers.parse("2026-13-04T15:33:40Z acc 9").orElseThrow();
    assertThat(r.timestamp()).isNull();
    assertThat(r.values()).containsExactly(entry("acc", 9.0));
  }

  @Test
  void rejectsGarbageValues() {
    for (String line :
        new String[] {
          "accuracy=",
          "accuracy=abc",
          "accuracy=NaN",
          "accuracy=nan loss=Infinity",
          "loss=-Infinity",
          "loss=1e400",
          "version=1.2.3",
          "lr=1e-3abc",
          "loss=0x1p3",
          "1st=0.3",
          "=0.5",
          "just some log output",
          "",
          "   ",
        }) {
      assertThat(kv.parse(line)).as(line).isEmpty();
    }
  }

  @Test
  void keepsTheValidPairsOfAPartlyBadLine() {
    assertThat(values(kv, "loss=nan accuracy=0.9 f1=")).containsExactly(entry("accuracy", 0.9));
  }

  @Test
  void enforcesMetricNameShape() {
    String longName = "a".repeat(64);
    assertThat(kv.parse(longName + "=1")).isEmpty();
    assertThat(values(kv, "a".repeat(63) + "=1")).containsOnlyKeys("a".repeat(63));
  }

  @Test
  void lastValueOfARepeatedNameWins() {
    assertThat(values(kv, "loss=1 loss=2")).containsExactly(entry("loss", 2.0));
  }

  @Test
  void readsThroughAnsiColorsAndCarriageReturns() {
    assertThat(values(kv, "\u001b[32mloss=0.3\u001b[0m accuracy=0.9"))
        .containsExactly(entry("loss", 0.3), entry("accuracy", 0.9));
    assertThat(values(kv, " 10%|#   | loss=0.5\r 20%|##  | loss=0.4"))
        .containsExactly(entry("loss", 0.4));
  }

  @Test
  void readsJsonLines() {
    MetricReport r =
        json.parse("{\"step\": 3, \"loss\": 0.2, \"phase\": \"train\", \"ok\": true, \"n\": null}")
            .orElseThrow();
    assertThat(r.step()).isEqualTo(3L);
    assertThat(r.values()).containsExactly(entry("loss", 0.2));
  }

  @Test
  void readsTimestampedJsonLines() {
    MetricReport r = json.parse("2026-12-04T15:33:40Z {\"epoch\": 1, \"acc\": 1e-1}").orElseThrow();
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-12-04T15:33:40Z"));
    assertThat(r.step()).isEqualTo(1L);
    assertThat(r.values()).containsExactly(entry("acc", 0.1));
  }

  @Test
  void jsonDropsNonFiniteAndBadNamesButKeepsTheRest() {
    assertThat(values(json, "{\"loss\": NaN, \"acc\": 0.9, \"bad name\": 1, \"big\": 1e999}"))
        .containsExactly(entry("acc", 0.9));
  }

  @Test
  void jsonRejectsNonObjectsAndMalformedLines() {
    for (String line :
        new String[] {
          "[1, 2]",
          "3",
          "\"loss\"",
          "{\"loss\": 0.2",
          "{\"loss\": 0.2} trailing",
          "{\"loss\": \"0.2\"}",
          "{\"nested\": {\"loss\": 0.2}}",
          "loss=0.2",
          "{" + "[".repeat(5000),
        }) {
      assertThat(json.parse(line)).as(line).isEmpty();
    }
  }

  @Test
  void keyValueFormatDoesNotReadJson() {
    assertThat(kv.parse("{\"loss\": 0.2}")).isEmpty();
  }

  @Test
  void customRegexUsesFindRepeatedly() {
    MetricLineParser parser =
        new MetricLineParser(MetricFormat.regex("([\\w/]+)\\s*:\\s*([-+]?[\\d.eE+-]+)"));
    assertThat(values(parser, "loss: 0.3 - accuracy: 0.9 - step: 7"))
        .containsExactly(entry("loss", 0.3), entry("accuracy", 0.9));
    assertThat(parser.parse("loss: 0.3 - accuracy: 0.9 - step: 7").orElseThrow().step())
        .isEqualTo(7L);
    assertThat(parser.parse("loss: 1.2.3")).isEmpty();
  }

  @Test
  void customRegexWithNamedGroupsCounts() {
    MetricLineParser parser =
        new MetricLineParser(MetricFormat.regex("(?<name>[a-z]+)->(?<value>\\S+)"));
    assertThat(values(parser, "loss->0.5 acc->x")).containsExactly(entry("loss", 0.5));
  }

  @Test
  void invalidCustomRegexIsAFieldError() {
    assertThatThrownBy(() -> new MetricLineParser(MetricFormat.regex("(\\w+)=(")))
        .isInstanceOfSatisfying(
            InvalidMetricFormatException.class,
            e -> {
              assertThat(e.error().field()).isEqualTo("spec.metrics.regex");
              assertThat(e.error().message()).startsWith("is not a valid Java regular expression");
            });
    assertThat(MetricFormat.regex("(\\w+)=(\\d+)(x)").validate())
        .hasValueSatisfying(
            e -> assertThat(e.message()).contains("exactly 2 capture groups").contains("has 3"));
    assertThat(MetricFormat.regex("\\w+=\\d+").validate())
        .hasValueSatisfying(e -> assertThat(e.message()).contains("has 0"));
    assertThat(MetricFormat.regex("").validate()).isPresent();
    assertThat(MetricFormat.regex(null).validate()).isPresent();
    assertThat(MetricFormat.regex("(a)(b)" + "x".repeat(2000)).validate())
        .hasValueSatisfying(e -> assertThat(e.message()).contains("at most 1024"));
    assertThat(MetricFormat.regex("(\\w+)=(?:=)?(\\d+)").validate()).isEmpty();
    assertThat(MetricFormat.keyValue().validate()).isEmpty();
  }

  @Test
  void catastrophicCustomRegexGivesUpQuickly() {
    MetricLineParser evil = new MetricLineParser(MetricFormat.regex("((?:a+)+)=(\\d)"));
    long start = System.nanoTime();
    assertThat(evil.parse("a".repeat(40) + "!")).isEmpty();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void deeplyRecursiveCustomRegexDoesNotThrow() {
    MetricLineParser deep = new MetricLineParser(MetricFormat.regex("((?:a|b)*)=(\\d)"));
    assertThat(deep.parse("ab".repeat(30_000) + "=1")).isNotNull();
  }

  @Test
  void hugeLinesAreCappedWithoutCuttingANumber() {
    String padding = "x ".repeat(LineSanitizer.MAX_LINE_CHARS / 2 - 6);
    String line = "loss=0.5 " + padding + "acc=0.123456789 more=1";
    assertThat(line.length()).isGreaterThan(LineSanitizer.MAX_LINE_CHARS);
    Optional<MetricReport> r = kv.parse(line);
    assertThat(r).isPresent();
    // "acc=0.123456789" straddles the cap: read whole or not at all, never as "acc=0.1234".
    assertThat(r.get().values()).containsOnlyKeys("loss");

    assertThat(kv.parse("loss=1 " + "9".repeat(1_000_000))).isPresent();
    assertThat(kv.parse("x".repeat(5_000_000))).isEmpty();
    assertThat(json.parse("{\"a\": 1, \"pad\": \"" + "x".repeat(70_000) + "\"}")).isEmpty();
  }

  @Test
  void nullAndControlCharactersAreNoReport() {
    assertThat(kv.parse(null)).isEmpty();
    assertThat(json.parse(null)).isEmpty();
    assertThat(kv.parse("\u0000\u0001\u001b\u001b[")).isEmpty();
    assertThat(values(kv, "\u0000loss=1\u0000")).containsExactly(entry("loss", 1.0));
    assertThat(values(kv, "ñloss=1 精度=0.5 \uD83D\uDE00acc=2"))
        .containsExactly(entry("loss", 1.0), entry("acc", 2.0));
  }
}
