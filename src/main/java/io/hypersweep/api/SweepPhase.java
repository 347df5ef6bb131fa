package io.hypersweep.api;

/** The coarse lifecycle phase of a sweep. */
public enum SweepPhase {
  Pending,
  Running,
  Succeeded,
  Failed,
  Invalid;

  /** True when the sweep will start no more trials. */
  public boolean isFinal() {
    return this == Succeeded || this == Failed;
  }
}
