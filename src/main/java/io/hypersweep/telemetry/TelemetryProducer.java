package io.hypersweep.telemetry;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gives the Quarkus operator SDK extension {@link OperatorMetrics} in place of its default
 * per-resource JOSDK metrics, on the Prometheus registry served at {@code /q/metrics}.
 */
@Singleton
public class TelemetryProducer {

  @Produces
  @Singleton
  Metrics operatorMetrics(MeterRegistry registry) {
    return OperatorMetrics.install(registry);
  }
}
