package io.hypersweep.validation;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hypersweep.api.HyperparameterSweep;
import io.hypersweep.planning.ArchiveLayout;
import io.hypersweep.planning.RecordLimits;
import io.hypersweep.search.ChoiceDimension;
import io.hypersweep.search.Dimension;
import io.hypersweep.search.SearchSpace;
import java.util.List;
import java.util.Optional;

/**
 * Checks before a sweep starts that its status and each archive ConfigMap stay below the API
 * server's object size limit (about 1 MiB): a status write that fails halfway through a sweep would
 * leave it stuck. The status holds only the records not yet archived (see {@link ArchiveLayout}).
 */
final class StatusBudget {
  /** The API server's object size limit, with room for metadata and conditions. */
  static final long BUDGET = 1_048_576L - 16_384L;

  /** Keys, number, state, reason and two timestamps of one record, in JSON. */
  static final int RECORD_FIXED = 220;

  /** The longest rendered number (plain decimal notation of a double). */
  static final int NUMBER_CHARS = 32;

  /** Metric name allowance for metrics the spec does not name. */
  static final int METRIC_NAME_CHARS = 32;

  /** One curve point in JSON: {"step":N,"value":V}, with a 10-digit step. */
  static final int CURVE_POINT_CHARS = 22 + 10 + NUMBER_CHARS;

  /** The stoppedAtStep key and its value. */
  static final int STOPPED_AT_CHARS = 30;

  /** One status.archive entry besides the sweep's name: keys, "-trials-k" and three numbers. */
  static final int CHUNK_ENTRY_CHARS = 80;

  private StatusBudget() {}

  static Optional<FieldError> check(
      HyperparameterSweep sweep,
      SearchSpace space,
      String metric,
      List<String> additionalMetrics,
      int maxTrials,
      int maxConcurrentTrials,
      int maxFailedTrials,
      boolean warmStart,
      boolean curves) {
    long parameters = 0;
    for (Dimension d : space.dimensions()) {
      parameters += d.name().length() + 6L + longestValue(d);
    }
    long metrics = metric.length() + 6L + NUMBER_CHARS;
    if (additionalMetrics.isEmpty()) {
      metrics += RecordLimits.DEFAULT_EXTRA_METRICS * (METRIC_NAME_CHARS + 6L + NUMBER_CHARS);
    } else {
      for (String m : additionalMetrics) {
        metrics += m.length() + 6L + NUMBER_CHARS;
      }
    }
    long perTrial =
        RecordLimits.MAX_MESSAGE
            + RECORD_FIXED
            + sweep.getMetadata().getName().length()
            + 8
            + parameters
            + metrics
            + (curves ? RecordLimits.MAX_CURVE_POINTS * CURVE_POINT_CHARS + STOPPED_AT_CHARS : 0);
    ArchiveLayout layout = ArchiveLayout.DEFAULT;
    if (layout.chunkSize() * perTrial > BUDGET) {
      return Optional.of(
          new FieldError(
              "spec.parameters",
              "with these parameters and metrics a trial record takes up to "
                  + perTrial
                  + " bytes, too much to archive "
                  + layout.chunkSize()
                  + " records in one ConfigMap (Kubernetes objects are limited to 1 MiB);"
                  + " shorten the choice values or name fewer additionalMetrics"));
    }
    // Records not yet archived: the newest finished ones kept, those awaiting a full chunk, and
    // the active trials plus those that just finished (archived only after one status write).
    long kept = layout.keep() + layout.chunkSize() - 1L;
    long statusRecords = Math.min(maxTrials, kept + 2L * maxConcurrentTrials);
    long chunks = (maxTrials + layout.chunkSize() - 1L) / layout.chunkSize();
    String name = sweep.getMetadata().getName();
    long priors = warmStart ? 500L * (80 + parameters) : 0;
    long spec = Serialization.asJson(sweep.getSpec()).length();
    long fixed = spec + priors + perTrial + chunks * (name.length() + CHUNK_ENTRY_CHARS);
    if (fixed + statusRecords * perTrial <= BUDGET) {
      return Optional.empty();
    }
    long fits = Math.max(0, (BUDGET - fixed) / perTrial);
    boolean concurrency = maxTrials > kept + 2L * maxConcurrentTrials;
    return Optional.of(
        new FieldError(
            concurrency ? "spec.limits.maxConcurrentTrials" : "spec.limits.maxTrials",
            "with these parameters and metrics a trial record takes up to "
                + perTrial
                + " bytes, so at most "
                + fits
                + " records fit in the sweep's status (Kubernetes objects are limited to 1 MiB),"
                + " which holds up to "
                + kept
                + " finished records not yet archived plus twice maxConcurrentTrials;"
                + (concurrency ? " lower maxConcurrentTrials" : " lower maxTrials")
                + ", name fewer additionalMetrics, or split the sweep"
                + (curves
                    ? " (an early-termination policy keeps up to "
                        + RecordLimits.MAX_CURVE_POINTS
                        + " curve points per trial)"
                    : "")));
  }

  private static long longestValue(Dimension d) {
    if (d instanceof ChoiceDimension choice) {
      return choice.values().stream().mapToLong(String::length).max().orElse(0) + 2;
    }
    return NUMBER_CHARS;
  }
}
