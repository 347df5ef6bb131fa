package io.hypersweep.metrics;

/**
 * One value of a metric at a step, as kept in a trial's objective series.
 *
 * @param step the report's step, explicit or counted
 * @param value the reported value, always finite
 */
public record MetricPoint(long step, double value) {}
