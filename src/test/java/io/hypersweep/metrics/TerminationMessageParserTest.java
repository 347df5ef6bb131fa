package io.hypersweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** Tests for {@link TerminationMessageParser}. */
class TerminationMessageParserTest {

  private final TerminationMessageParser parser = new TerminationMessageParser();

  @Test
  void blankMessageIsNoMetricsAndNoError() {
    for (String message : new String[] {null, "", "  \n\t"}) {
      TerminationMessage m = parser.parse(message);
      assertThat(m.isError()).isFalse();
      assertThat(m.metrics()).isEmpty();
    }
  }

  @Test
  void readsKeyValueLines() {
    TerminationMessage m = parser.parse("val_accuracy=0.93\nloss=0.2\n");
    assertThat(m.isError()).isFalse();
    assertThat(m.metrics()).containsExactly(entry("val_accuracy", 0.93), entry("loss", 0.2));
  }

  @Test
  void readsSeveralPairsPerLineWithSpacesOrCommas() {
    assertThat(parser.parse("val_accuracy=0.93 loss=0.2,f1=5e-1\r\nsteps=10").metrics())
        .containsExactly(
            entry("val_accuracy", 0.93),
            entry("loss", 0.2),
            entry("f1", 0.5),
            entry("steps", 10.0));
  }

  @Test
  void dropsStepAndEpochFromFinalMetrics() {
    assertThat(parser.parse("epoch=10 step=500 loss=0.2").metrics())
        .containsExactly(entry("loss", 0.2));
  }

  @Test
  void readsOneJsonObject() {
    assertThat(parser.parse("{\"val_accuracy\": 0.93, \"loss\": 0.2}").metrics())
        .containsExactly(entry("val_accuracy", 0.93), entry("loss", 0.2));
  }

  @Test
  void readsPrettyPrintedJson() {
    assertThat(
            parser
                .parse("{\n  \"val_accuracy\": 0.93,\n  \"note\": \"x\",\n  \"loss\": 2e-1\n}\n")
                .metrics())
        .containsExactly(entry("val_accuracy", 0.93), entry("loss", 0.2));
  }

  @Test
  void readsJsonLinesAmongKeyValueLines() {
    assertThat(parser.parse("{\"loss\": 0.3}\nacc=0.8\n{\"loss\": 0.2}").metrics())
        .containsExactly(entry("loss", 0.2), entry("acc", 0.8));
  }

  @Test
  void laterLinesWin() {
    assertThat(parser.parse("loss=0.5\nloss=0.2").metrics()).containsExactly(entry("loss", 0.2));
  }

  @Test
  void toleratesAStackTraceWhenAMetricWasFound() {
    String tail =
        "epoch=3 loss=0.41 accuracy=0.88\n"
            + "Traceback (most recent call last):\n"
            + "  File \"train.py\", line 12, in <module>\n"
            + "RuntimeError: CUDA out of memory\n";
    TerminationMessage m = parser.parse(tail);
    assertThat(m.isError()).isFalse();
    assertThat(m.metrics()).containsExactly(entry("loss", 0.41), entry("accuracy", 0.88));
  }

  @Test
  void messageWithoutAnyMetricIsAnError() {
    String trace =
        "Traceback (most recent call last):\n  File \"train.py\", line 12\nValueError: bad";
    TerminationMessage m = parser.parse(trace);
    assertThat(m.isError()).isTrue();
    assertThat(m.reason()).isEqualTo("UnparseableTerminationMessage");
    assertThat(m.metrics()).isEmpty();
    assertThat(m.message())
        .contains("\"Traceback (most recent call last):   File \"train.py\", line 12")
        .doesNotContain("\n");
  }

  @Test
  void nonFiniteOrNonNumericOnlyIsAnError() {
    assertThat(parser.parse("loss=nan").isError()).isTrue();
    assertThat(parser.parse("{\"loss\": NaN}").isError()).isTrue();
    assertThat(parser.parse("{\"status\": \"ok\"}").isError()).isTrue();
    assertThat(parser.parse("{}").isError()).isTrue();
    assertThat(parser.parse("{\"loss\": 0.2").isError()).isTrue();
  }

  @Test
  void errorQuotesAtMost200Characters() {
    TerminationMessage m = parser.parse("no metrics here " + "y".repeat(5000));
    assertThat(m.isError()).isTrue();
    String quoted = m.message().substring(m.message().indexOf('"'));
    assertThat(quoted).hasSize(200 + "\"...\"".length()).endsWith("...\"");
  }

  @Test
  void quoteNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String quoted = TerminationMessageParser.quote("x".repeat(199) + emoji + "tail");
    assertThat(quoted).isEqualTo("\"" + "x".repeat(199) + "...\"");
  }

  @Test
  void hugeMessageDoesNotThrow() {
    assertThat(parser.parse("loss=1 " + "z".repeat(1_000_000)).metrics())
        .containsExactly(entry("loss", 1.0));
    assertThat(parser.parse("{".repeat(100_000)).isError()).isTrue();
    assertThat(parser.parse("\n".repeat(100_000) + "loss=1").isError()).isTrue();
  }
}
