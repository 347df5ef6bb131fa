package io.hypersweep.observe;

import io.hypersweep.api.TrialState;
import io.hypersweep.metrics.MetricPoint;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the cluster shows about one trial right now: its Job's state and, once finished, the metrics
 * read from its pod.
 *
 * @param parameters the parameters recorded on the Job, used when the status lost the record
 * @param curve the objective's (step, value) points read from the log so far, while a policy is
 *     set; empty otherwise
 */
public record TrialObservation(
    int number,
    String jobName,
    TrialState state,
    String reason,
    String message,
    Map<String, Double> metrics,
    SortedMap<String, String> parameters,
    String startTime,
    String completionTime,
    List<MetricPoint> curve) {

  public TrialObservation {
    curve = curve == null ? List.of() : List.copyOf(curve);
  }
}
