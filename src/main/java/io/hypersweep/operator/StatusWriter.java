package io.hypersweep.operator;

import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.telemetry.SweepMetrics;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;

/** Writes a sweep's status when, and only when, it changed, and reports what it recorded. */
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
    // After the write: a conflict throws above, and the retried reconcile counts once.
    SweepMetrics.shared().record(sweep, previous, next);
    UpdateControl<HyperparameterSweep> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }
}
