package io.hypersweep.api;

/** The lifecycle state of one trial. */
public enum TrialState {
  /** The Job exists but its pod has not started. */
  Pending,
  Running,
  Succeeded,
  Failed,
  /** Stopped by the operator because the sweep ended (target, timeout, failure cap). */
  Stopped,
  /** Stopped by the early-termination policy because its intermediate results were poor. */
  EarlyStopped;

  /** True once the trial can no longer change. */
  public boolean isFinished() {
    return this == Succeeded || this == Failed || this == Stopped || this == EarlyStopped;
  }
}
