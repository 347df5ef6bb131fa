package io.hypersweep.bench.termination;

import io.hypersweep.api.Goal;
import io.hypersweep.metrics.MetricPoint;
import io.hypersweep.termination.StopDecision;
import io.hypersweep.termination.TerminationPolicy;
import io.hypersweep.termination.TrialCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark driver: replays curves through a policy as an asynchronous sweep would run them.
 *
 * <p>Trials start in configuration order on a fixed number of workers; each running trial reports
 * one step per time unit; after every time unit the policy decides on all trials so far and its
 * stops take effect before the next unit, freeing workers for the next trials.
 */
final class AsyncReplay {

  /** What one replay produced. */
  record Outcome(long stepsRun, double bestFinal, boolean trueBestStopped, int stopped) {}

  private AsyncReplay() {}

  static Outcome run(LearningCurves curves, TerminationPolicy policy, int workers, int steps) {
    int configs = curves.reported.length;
    int[] done = new int[configs];
    boolean[] stopped = new boolean[configs];
    List<Integer> active = new ArrayList<>();
    int next = 0;
    long stepsRun = 0;
    while (next < configs || !active.isEmpty()) {
      while (active.size() < workers && next < configs) {
        active.add(next++);
      }
      for (int c : active) {
        done[c]++;
        stepsRun++;
      }
      active.removeIf(c -> done[c] == steps);
      if (policy != null && !active.isEmpty()) {
        List<TrialCurve> trials = new ArrayList<>(next);
        for (int c = 0; c < next; c++) {
          trials.add(new TrialCurve(c, active.contains(c), points(curves, c, done[c])));
        }
        for (StopDecision d : policy.decide(Goal.MAXIMIZE, trials)) {
          stopped[d.number()] = true;
          active.remove(Integer.valueOf(d.number()));
        }
      }
    }
    double best = Double.NEGATIVE_INFINITY;
    int stopCount = 0;
    for (int c = 0; c < configs; c++) {
      best = Math.max(best, curves.reported[c][done[c] - 1]);
      stopCount += stopped[c] ? 1 : 0;
    }
    return new Outcome(stepsRun, best, stopped[curves.trueBest()], stopCount);
  }

  private static List<MetricPoint> points(LearningCurves curves, int c, int n) {
    List<MetricPoint> pts = new ArrayList<>(n);
    for (int s = 1; s <= n; s++) {
      pts.add(new MetricPoint(s, curves.reported[c][s - 1]));
    }
    return pts;
  }
}
