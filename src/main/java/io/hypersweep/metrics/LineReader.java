package io.hypersweep.metrics;

/** Finds the name/value pairs of one format in a sanitized, timestamp-free line. */
interface LineReader {

  /** Adds every pair found in {@code text} to {@code out}; must not throw. */
  void read(String text, ReportBuilder out);
}
