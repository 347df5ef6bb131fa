package io.hypersweep.metrics;

import io.hypersweep.validation.FieldError;

/** Thrown when a {@link MetricFormat} cannot be used, carrying the field error to report. */
public class InvalidMetricFormatException extends IllegalArgumentException {

  private final FieldError error;

  public InvalidMetricFormatException(FieldError error) {
    super(error.toString());
    this.error = error;
  }

  /** The problem, naming the manifest field it is in, ready for a status condition. */
  public FieldError error() {
    return error;
  }
}
