package io.hypersweep.trial;

/** Label and annotation keys the operator puts on trial Jobs and Pods. */
public final class TrialLabels {
  public static final String SWEEP = "hypersweep.io/sweep";
  public static final String TRIAL = "hypersweep.io/trial";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "hypersweep";

  /** Annotation holding the trial's parameters as one JSON object. */
  public static final String PARAMETERS = "hypersweep.io/parameters";

  /**
   * Pod-template annotation naming the local command that replaces the image's entrypoint in local
   * mode.
   */
  public static final String LOCAL_COMMAND = "hypersweep.io/local-command";

  /** Pod-template annotation naming the container whose metrics count (default: the first). */
  public static final String METRICS_CONTAINER = "hypersweep.io/metrics-container";

  private TrialLabels() {}
}
