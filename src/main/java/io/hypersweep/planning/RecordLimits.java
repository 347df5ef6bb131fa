package io.hypersweep.planning;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What of a trial's report goes into its durable record, so that every trial record has a known
 * maximum size and a whole sweep fits in one Kubernetes object.
 */
public final class RecordLimits {
  /** Metrics kept besides the objective when the spec names no additionalMetrics. */
  public static final int DEFAULT_EXTRA_METRICS = 8;

  /** Longest reason message kept on a record. */
  public static final int MAX_MESSAGE = 256;

  /** Most curve points one record keeps (see {@code TrialRecord.curve}). */
  public static final int MAX_CURVE_POINTS = 50;

  private RecordLimits() {}

  /**
   * The objective and the spec's additionalMetrics; without additionalMetrics, the objective and
   * the first {@link #DEFAULT_EXTRA_METRICS} other metrics by name.
   */
  public static Map<String, Double> metrics(
      Map<String, Double> reported, String objective, List<String> additional) {
    TreeMap<String, Double> kept = new TreeMap<>();
    if (reported.containsKey(objective)) {
      kept.put(objective, reported.get(objective));
    }
    if (!additional.isEmpty()) {
      additional.stream()
          .filter(reported::containsKey)
          .forEach(name -> kept.put(name, reported.get(name)));
      return kept;
    }
    new TreeMap<>(reported)
        .entrySet().stream()
            .filter(e -> !e.getKey().equals(objective))
            .limit(DEFAULT_EXTRA_METRICS)
            .forEach(e -> kept.put(e.getKey(), e.getValue()));
    return kept;
  }

  /** The message, cut to {@link #MAX_MESSAGE} characters. */
  public static String message(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
