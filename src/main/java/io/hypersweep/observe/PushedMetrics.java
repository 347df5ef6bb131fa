package io.hypersweep.observe;

import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.metrics.MetricReport;
import io.hypersweep.metrics.PushInbox;
import io.hypersweep.metrics.TrialMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observe: accumulates each trial's pushed reports, taken from the {@link PushInbox}, into its
 * objective series and final values, held in operator memory like {@link LogFollower}'s positions.
 */
public final class PushedMetrics {
  /** Trials accumulated at once; the least recently observed is forgotten first. */
  static final int MAX_TRIALS = 10_000;

  private final PushInbox inbox;
  private final Map<String, TrialMetrics> trials =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TrialMetrics> eldest) {
          return size() > MAX_TRIALS;
        }
      };

  public PushedMetrics(PushInbox inbox) {
    this.inbox = inbox;
  }

  /** What the trial pushed so far: takes new reports from the inbox first. */
  public synchronized Pushed take(String namespace, String sweep, int trial, String metric) {
    String key = namespace + "/" + sweep + "/" + trial;
    TrialMetrics metrics = trials.computeIfAbsent(key, k -> new TrialMetrics(metric));
    for (MetricReport r : inbox.drain(namespace, sweep, trial)) {
      // A report without a step gets the objective's previous step + 1, as in the log.
      metrics.add(r);
    }
    return new Pushed(metrics.objectiveSeries(), metrics.finalValues());
  }

  /** Forgets a finished trial, and anything it pushed after its last observation. */
  public synchronized void forget(String namespace, String sweep, int trial) {
    trials.remove(namespace + "/" + sweep + "/" + trial);
    inbox.discard(namespace, sweep, trial);
  }

  /** One trial's pushed objective series and last value per metric. */
  public record Pushed(List<MetricPoint> curve, Map<String, Double> values) {
    static final Pushed NONE = new Pushed(List.of(), Map.of());
  }
}
