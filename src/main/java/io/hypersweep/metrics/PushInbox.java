package io.hypersweep.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the metric reports trainers pushed until the observer takes them, per trial. Thread-safe
 * and bounded: a trial keeps its newest {@link #MAX_REPORTS_PER_TRIAL} reports and only the {@link
 * #MAX_TRIALS} trials pushed to most recently are held, so no trainer can exhaust the operator.
 */
public final class PushInbox {
  public static final int MAX_REPORTS_PER_TRIAL = 10_000;
  public static final int MAX_TRIALS = 1_000;

  private final int maxReports;
  private final int maxTrials;
  private final Map<String, ArrayDeque<MetricReport>> pending;

  public PushInbox() {
    this(MAX_REPORTS_PER_TRIAL, MAX_TRIALS);
  }

  public PushInbox(int maxReports, int maxTrials) {
    this.maxReports = maxReports;
    this.maxTrials = maxTrials;
    this.pending =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<MetricReport>> eldest) {
            return size() > PushInbox.this.maxTrials;
          }
        };
  }

  /** Keeps {@code report} for the trial, dropping its oldest report when full. */
  public synchronized void offer(String namespace, String sweep, int trial, MetricReport report) {
    ArrayDeque<MetricReport> q =
        pending.computeIfAbsent(key(namespace, sweep, trial), k -> new ArrayDeque<>());
    if (q.size() >= maxReports) {
      q.pollFirst();
    }
    q.addLast(report);
  }

  /** The trial's reports in arrival order, removed from the inbox. */
  public synchronized List<MetricReport> drain(String namespace, String sweep, int trial) {
    ArrayDeque<MetricReport> q = pending.remove(key(namespace, sweep, trial));
    return q == null ? List.of() : new ArrayList<>(q);
  }

  /** Drops whatever the trial pushed that was not taken (it finished, or its sweep went away). */
  public synchronized void discard(String namespace, String sweep, int trial) {
    pending.remove(key(namespace, sweep, trial));
  }

  private static String key(String namespace, String sweep, int trial) {
    return namespace + "/" + sweep + "/" + trial;
  }
}
