package io.hypersweep.planning;

/**
 * A Kubernetes Event the operator should record on the sweep.
 *
 * @param warning true for type Warning, false for Normal
 */
public record SweepEvent(boolean warning, String reason, String message) {}
