package io.hypersweep.metrics;

/**
 * A character sequence that fails after a fixed number of reads, so a user regex with catastrophic
 * backtracking costs a bounded time per line instead of hanging the reconciler.
 */
final class BudgetedCharSequence implements CharSequence {

  /** Thrown from {@link #charAt} once the budget is spent. */
  static final class BudgetExceededException extends RuntimeException {
    BudgetExceededException() {
      super("regex read budget exceeded", null, false, false);
    }
  }

  private final String text;
  private long remaining;

  BudgetedCharSequence(String text, long budget) {
    this.text = text;
    this.remaining = budget;
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw new BudgetExceededException();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
