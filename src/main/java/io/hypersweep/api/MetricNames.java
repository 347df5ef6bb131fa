package io.hypersweep.api;

/** The shape of a metric name, shared by the CRD schema and the metric parsers. */
public final class MetricNames {
  /** Letters, digits, '_', '-', '.', '/', starting with a letter or '_'. */
  public static final String PATTERN = "^[A-Za-z_][A-Za-z0-9_./-]{0,62}$";

  private MetricNames() {}
}
