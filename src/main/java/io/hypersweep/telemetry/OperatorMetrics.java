package io.hypersweep.telemetry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * The operator SDK's metrics for the whole operator: JOSDK's Micrometer metrics per controller
 * (reconcile duration {@code operator_sdk_controllers_execution_reconcile_seconds}), and, when
 * JOSDK sees a sweep deleted, removal of that sweep's {@link SweepMetrics} series.
 *
 * <p>JOSDK's per-resource variant (the Quarkus extension's default) would add a histogram per sweep
 * to every scrape; sweep-level figures come from {@link SweepMetrics} instead.
 */
public final class OperatorMetrics implements Metrics {
  private final Metrics josdk;
  private final SweepMetrics sweeps;

  private OperatorMetrics(Metrics josdk, SweepMetrics sweeps) {
    this.josdk = josdk;
    this.sweeps = sweeps;
  }

  /** Reports JOSDK's and the sweeps' metrics to {@code registry}, and makes this the shared one. */
  public static OperatorMetrics install(MeterRegistry registry) {
    return new OperatorMetrics(
        MicrometerMetrics.withoutPerResourceMetrics(registry), SweepMetrics.install(registry));
  }

  /** Turns the sweeps' metrics off again (for tests that installed a registry of their own). */
  public static void uninstall() {
    SweepMetrics.install(null);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceId, Map<String, Object> metadata) {
    josdk.cleanupDoneFor(resourceId, metadata);
    sweeps.forget(resourceId.getNamespace().orElse(null), resourceId.getName());
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    josdk.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    josdk.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    josdk.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    josdk.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    josdk.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    josdk.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    josdk.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    return josdk.timeControllerExecution(execution);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return josdk.monitorSizeOf(map, name);
  }
}
