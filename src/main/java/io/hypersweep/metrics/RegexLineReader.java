package io.hypersweep.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads pairs with a two-group regex applied repeatedly: the built-in {@code name=value} pattern or
 * a user's own.
 */
final class RegexLineReader implements LineReader {

  /**
   * Katib's {@code ([\w|-]+)\s*=\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)}, made stricter: the name must
   * be a whole valid metric name (not the tail of a longer word), the value a whole number followed
   * by a separator, so "version=1.2.3" or "lr=1e-3abc" report nothing instead of a wrong number.
   */
  static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?<![A-Za-z0-9_./-])([A-Za-z_][A-Za-z0-9_./-]{0,62})\\s*=\\s*("
              + NumberSyntax.DECIMAL
              + ")(?=$|[\\s,;|)\\]}])");

  /**
   * Character reads allowed per line: far above what a sane pattern needs on a capped line, far
   * below what a backtracking one would take.
   */
  static final long READ_BUDGET = 20_000_000L;

  private final Pattern pattern;
  private final String requiredText;

  /**
   * A reader applying {@code pattern}; lines without {@code requiredText} (null: no such text) are
   * skipped without running the regex, which matters because most log lines hold no metric.
   */
  RegexLineReader(Pattern pattern, String requiredText) {
    this.pattern = pattern;
    this.requiredText = requiredText;
  }

  /** The built-in {@code name=value} reader. */
  static RegexLineReader keyValue() {
    return new RegexLineReader(KEY_VALUE, "=");
  }

  @Override
  public void read(String text, ReportBuilder out) {
    if (requiredText != null && !text.contains(requiredText)) {
      return;
    }
    Matcher m = pattern.matcher(new BudgetedCharSequence(text, READ_BUDGET));
    try {
      while (m.find()) {
        out.add(m.group(1), m.group(2));
      }
    } catch (BudgetedCharSequence.BudgetExceededException | StackOverflowError e) {
      // A pathological user regex (exponential backtracking, or deep recursion on a repeated
      // alternation) gives up on this line; pairs found before the limit are kept.
    }
  }
}
