package io.hypersweep.metrics;

/**
 * Bounds a log line's length and removes terminal escape sequences and control characters, so the
 * format readers only ever see printable text of a bounded size.
 */
final class LineSanitizer {

  /** Processing cap per line; metric lines are short, longer ones are progress-bar noise. */
  static final int MAX_LINE_CHARS = 64 * 1024;

  private static final char ESC = '\u001b';

  private LineSanitizer() {}

  /** True when {@code line} is longer than the cap and only a prefix will be read. */
  static boolean exceedsCap(String line) {
    return line.length() > MAX_LINE_CHARS;
  }

  /**
   * The first {@link #MAX_LINE_CHARS} characters of {@code line}, cut back to the last separator
   * when truncated (so a number cut in half is not read as a smaller number), with ANSI escape
   * sequences removed (colored output would otherwise glue "m" from "\e[0m" onto a metric name) and
   * every other control character, including '\r' from progress bars, turned into a space.
   */
  static String sanitize(String line) {
    int end = line.length();
    if (exceedsCap(line)) {
      end = MAX_LINE_CHARS;
      while (end > 0 && !isSeparator(line.charAt(end - 1))) {
        end--;
      }
    }
    StringBuilder out = new StringBuilder(end);
    int i = 0;
    while (i < end) {
      char c = line.charAt(i);
      if (c == ESC) {
        i = skipEscape(line, i, end);
        out.append(' ');
      } else if (Character.isISOControl(c)) {
        out.append(' ');
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || Character.isISOControl(c) || c == ',' || c == ';';
  }

  /** Index after the escape sequence starting at {@code start} (a CSI sequence or ESC + one). */
  private static int skipEscape(String line, int start, int end) {
    int i = start + 1;
    if (i < end && line.charAt(i) == '[') {
      i++;
      while (i < end && line.charAt(i) >= 0x20 && line.charAt(i) <= 0x3f) {
        i++;
      }
      return i < end && line.charAt(i) >= 0x40 && line.charAt(i) <= 0x7e ? i + 1 : i;
    }
    return i < end && !Character.isISOControl(line.charAt(i)) ? i + 1 : i;
  }
}
