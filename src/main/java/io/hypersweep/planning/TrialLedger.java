package io.hypersweep.planning;

import io.hypersweep.api.Goal;
import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.observe.TrialObservation;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.termination.StopDecision;
import io.hypersweep.trial.TrialNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The trial records of one sweep, brought up to date with what the cluster shows. A finished record
 * never changes again, so a result once seen is never lost or rewritten.
 */
final class TrialLedger {
  private final TreeMap<Integer, TrialRecord> records = new TreeMap<>();
  private final List<SweepEvent> events = new ArrayList<>();

  TrialLedger(List<TrialRecord> previous) {
    for (TrialRecord r : previous) {
      records.put(r.number, r.copy());
    }
  }

  void apply(
      Map<Integer, TrialObservation> observations,
      Set<Integer> vanished,
      String metric,
      List<String> additionalMetrics,
      String now,
      Curves curves) {
    for (TrialObservation obs : observations.values()) {
      TrialRecord rec = records.get(obs.number());
      if (rec == null) {
        // The Job exists but the status lost the record (e.g. restart between create and write).
        rec = new TrialRecord();
        rec.number = obs.number();
        rec.name = obs.jobName();
        rec.parameters = new TreeMap<>(obs.parameters());
        rec.state = TrialState.Pending;
        rec.reason = "Adopted";
        rec.startTime = obs.startTime();
        records.put(rec.number, rec);
      }
      if (rec.state.isFinished()) {
        continue;
      }
      if (curves != null && !obs.curve().isEmpty()) {
        rec.curve = curves.merge(rec.curve, obs.curve());
      }
      if (rec.state == obs.state() && !obs.state().isFinished()) {
        continue;
      }
      rec.state = obs.state();
      rec.reason = obs.reason();
      rec.message = RecordLimits.message(obs.message());
      if (obs.startTime() != null && rec.startTime == null) {
        rec.startTime = obs.startTime();
      }
      if (obs.state().isFinished()) {
        rec.metrics = new TreeMap<>(RecordLimits.metrics(obs.metrics(), metric, additionalMetrics));
        rec.objectiveValue = obs.metrics().get(metric);
        rec.completionTime = obs.completionTime();
        events.add(finishedEvent(rec, metric));
      }
    }
    for (int number : vanished) {
      TrialRecord rec = records.get(number);
      if (rec != null && !rec.state.isFinished()) {
        rec.state = TrialState.Failed;
        rec.reason = "JobDeleted";
        rec.message = "the trial's Job was deleted before the trial finished";
        rec.completionTime = now;
        events.add(finishedEvent(rec, metric));
      }
    }
  }

  private static SweepEvent finishedEvent(TrialRecord rec, String metric) {
    if (rec.state == TrialState.Succeeded) {
      return new SweepEvent(
          false,
          "TrialSucceeded",
          "trial " + rec.number + " succeeded: " + metric + "=" + rec.objectiveValue);
    }
    return new SweepEvent(
        true,
        "TrialFailed",
        "trial " + rec.number + " failed (" + rec.reason + "): " + rec.message);
  }

  /**
   * Fails the trials still Pending (pod not running) since before {@code deadline} and returns
   * their Jobs' names: a pod that can never start must not hold a slot, or the sweep would hang.
   */
  List<String> failPendingSince(Instant deadline, Duration limit, String now) {
    List<String> jobs = new ArrayList<>();
    for (TrialRecord rec : records.values()) {
      if (rec.state == TrialState.Pending
          && rec.startTime != null
          && Instant.parse(rec.startTime).isBefore(deadline)) {
        rec.state = TrialState.Failed;
        rec.reason = "PendingTimeout";
        rec.message =
            "the trial's pod did not start running within "
                + limit.toSeconds()
                + "s (check the image, pull secrets and resource requests)";
        rec.completionTime = now;
        events.add(finishedEvent(rec, ""));
        jobs.add(rec.name);
      }
    }
    return jobs;
  }

  /** The earliest creation time of a trial that is still Pending. */
  Optional<Instant> oldestPending() {
    return records.values().stream()
        .filter(r -> r.state == TrialState.Pending && r.startTime != null)
        .map(r -> Instant.parse(r.startTime))
        .min(Instant::compareTo);
  }

  /** Marks every unfinished trial stopped and returns the names of their Jobs. */
  List<String> stopActive(String reason, String completionTime) {
    List<String> jobs = new ArrayList<>();
    for (TrialRecord rec : records.values()) {
      if (!rec.state.isFinished()) {
        rec.state = TrialState.Stopped;
        rec.reason = reason;
        rec.message = "stopped because the sweep ended (" + reason + ")";
        rec.completionTime = completionTime;
        jobs.add(rec.name);
      }
    }
    return jobs;
  }

  /**
   * Applies the policy's decisions: each stopped trial becomes EarlyStopped (not a failure) with
   * the policy's reason, and the names of their Jobs are returned for deletion.
   */
  List<String> stopEarly(Curves curves, String now) {
    List<String> jobs = new ArrayList<>();
    for (StopDecision d : curves.decide(records.values())) {
      TrialRecord rec = records.get(d.number());
      rec.state = TrialState.EarlyStopped;
      rec.reason = "EarlyStopped";
      rec.message = RecordLimits.message(d.reason());
      rec.stoppedAtStep = d.step();
      rec.completionTime = now;
      jobs.add(rec.name);
      events.add(
          new SweepEvent(
              false,
              "TrialEarlyStopped",
              "trial " + rec.number + " stopped at step " + d.step() + ": " + d.reason()));
    }
    return jobs;
  }

  void add(TrialRecord rec) {
    records.put(rec.number, rec);
  }

  /** Records trial {@code number} as just created with {@code params}. */
  void addPending(String sweepName, int number, SortedMap<String, String> params, String now) {
    TrialRecord rec = new TrialRecord();
    rec.number = number;
    rec.name = TrialNames.jobName(sweepName, number);
    rec.state = TrialState.Pending;
    rec.reason = "Created";
    rec.parameters = params;
    rec.startTime = now;
    records.put(number, rec);
  }

  Optional<TrialRecord> best(Goal goal) {
    TrialRecord best = null;
    for (TrialRecord rec : records.values()) {
      if (rec.state == TrialState.Succeeded
          && rec.objectiveValue != null
          && (best == null || goal.isBetter(rec.objectiveValue, best.objectiveValue))) {
        best = rec;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The history trial {@code number} may see when {@code concurrency} trials run at once: results
   * of trials {@code 1..number-concurrency}, parameters of the later ones. Empty while one of the
   * former is unfinished, so the history never depends on when results arrive.
   */
  Optional<SearchHistory> historyFor(
      int number, int concurrency, Goal goal, List<PriorTrial> priors) {
    List<SearchHistory.CompletedTrial> completed = new ArrayList<>();
    if (priors != null) {
      for (PriorTrial prior : priors) {
        double loss = goal == Goal.MAXIMIZE ? -prior.objectiveValue : prior.objectiveValue;
        completed.add(
            new SearchHistory.CompletedTrial(new TreeMap<>(prior.parameters), loss, true));
      }
    }
    List<SortedMap<String, String>> pending = new ArrayList<>();
    for (int n = 1; n < number; n++) {
      TrialRecord rec = records.get(n);
      if (rec == null) {
        continue;
      }
      if (n > number - concurrency) {
        pending.add(new TreeMap<>(rec.parameters));
      } else if (!rec.state.isFinished()) {
        return Optional.empty();
      } else {
        completed.add(
            new SearchHistory.CompletedTrial(
                new TreeMap<>(rec.parameters), loss(rec, goal), false));
      }
    }
    return Optional.of(new SearchHistory(completed, pending));
  }

  private static double loss(TrialRecord rec, Goal goal) {
    if (rec.state != TrialState.Succeeded || rec.objectiveValue == null) {
      return Double.NaN;
    }
    return goal == Goal.MAXIMIZE ? -rec.objectiveValue : rec.objectiveValue;
  }

  int count(TrialState state) {
    return (int) records.values().stream().filter(r -> r.state == state).count();
  }

  int active() {
    return count(TrialState.Pending) + count(TrialState.Running);
  }

  int highestNumber() {
    return records.isEmpty() ? 0 : records.lastKey();
  }

  List<TrialRecord> finished() {
    return records.values().stream().filter(r -> r.state.isFinished()).toList();
  }

  List<TrialRecord> all() {
    return new ArrayList<>(records.values());
  }

  List<SweepEvent> events() {
    return events;
  }
}
