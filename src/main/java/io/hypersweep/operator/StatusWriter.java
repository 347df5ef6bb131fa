package io.hypersweep.operator;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/** Writes a sweep's status when, and only when, it changed. */
final class StatusWriter {
  private StatusWriter() {}

  /**
   * Writes with optimistic locking and caches the result so the next reconcile never plans from a
   * stale status.
   */
  static UpdateControl<HyperparameterSweep> record(
      HyperparameterSweep sweep,
      Context<HyperparameterSweep> context,
      SweepStatus previous,
      SweepStatus next,
      Duration requeue) {
    if (!next.equals(previous)) {
      PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
          sweep,
          context,
          fresh -> {
            fresh.setStatus(next);
            return fresh;
          });
    }
    UpdateControl<HyperparameterSweep> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }
}
