package io.hypersweep.planning;

import io.hypersweep.api.PriorTrial;
import io.hypersweep.api.SweepPhase;
import io.hypersweep.api.SweepStatus;
import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import io.hypersweep.search.SearchHistory;
import io.hypersweep.termination.TerminationPolicy;
import io.hypersweep.validation.ValidatedSweep;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Decides what a sweep does next from its spec and what was observed: a pure function, so the same
 * inputs always give the same plan and a restarted operator re-derives it exactly.
 */
public final class SweepPlanner {
  /** How soon to come back for records that become archivable with this plan's status write. */
  static final Duration ARCHIVE_FOLLOW_UP = Duration.ofSeconds(1);

  private final ArchiveLayout archiveLayout;

  public SweepPlanner() {
    this(ArchiveLayout.configured());
  }

  public SweepPlanner(ArchiveLayout archiveLayout) {
    this.archiveLayout = archiveLayout;
  }

  public SweepPlan plan(String sweepName, ValidatedSweep sweep, SweepObservation observed) {
    return plan(sweepName, sweep, observed, SuggestionSource.direct(sweep.sampler()));
  }

  /** Plans with suggestions from {@code suggestions}, which may answer "not ready yet". */
  public SweepPlan plan(
      String sweepName,
      ValidatedSweep sweep,
      SweepObservation observed,
      SuggestionSource suggestions) {
    SweepPlan plan =
        decide(sweepName, sweep, observed, suggestions)
            .alsoDeleting(leftovers(observed))
            .withArchive(
                ArchivePlan.next(
                    sweepName, observed.archive(), observed.previous().trials, archiveLayout));
    return plan.archive().backlog(plan.trials(), archiveLayout)
        ? plan.requeueWithin(ARCHIVE_FOLLOW_UP)
        : plan;
  }

  /**
   * Jobs left for trials the operator already ended (stopped early, stopped with the sweep, or
   * failed pending too long), whether their pod is still running or has finished meanwhile. A stop
   * is recorded before its Job is deleted, so an operator that died in between left such a Job
   * behind; deleting it first would instead leave an unfinished record whose Job is gone, which
   * reads as a Job deleted by hand.
   */
  static List<String> leftovers(SweepObservation observed) {
    List<String> jobs = new ArrayList<>();
    for (TrialRecord rec : observed.previousRecords()) {
      boolean endedByOperator =
          rec.state == TrialState.EarlyStopped
              || rec.state == TrialState.Stopped
              || (rec.state == TrialState.Failed && "PendingTimeout".equals(rec.reason));
      if (endedByOperator && observed.presentJobs().contains(rec.name)) {
        jobs.add(rec.name);
      }
    }
    return jobs;
  }

  private SweepPlan decide(
      String sweepName,
      ValidatedSweep sweep,
      SweepObservation observed,
      SuggestionSource suggestions) {
    SweepStatus previous = observed.previous();
    String now = timestamp(observed.now());
    TrialLedger ledger = new TrialLedger(observed.previousRecords());
    Curves curves =
        sweep
            .termination()
            .map(t -> new Curves(TerminationPolicy.of(t), sweep.goal()))
            .orElse(null);
    ledger.apply(
        observed.trials(),
        observed.vanished(),
        sweep.metric(),
        sweep.additionalMetrics(),
        now,
        curves);

    boolean finishedBefore =
        previous.phase != null
            && previous.phase.isFinal()
            && Objects.equals(previous.observedGeneration, observed.generation());
    // Stopped trials' slots are refilled below, in this same plan.
    List<String> stoppedEarly =
        new ArrayList<>(
            curves == null || finishedBefore ? List.of() : ledger.stopEarly(curves, now));
    if (!finishedBefore) {
      stoppedEarly.addAll(
          ledger.failPendingSince(
              observed.now().minus(sweep.pendingTimeout()), sweep.pendingTimeout(), now));
    }
    String startTime = previous.startTime;
    Optional<TrialRecord> best = ledger.best(sweep.goal());
    List<SweepEvent> events = new ArrayList<>(ledger.events());
    newBestEvent(previous.bestTrial, best, sweep.metric()).ifPresent(events::add);

    if (finishedBefore) {
      List<String> leftovers = ledger.stopActive(previous.phaseReason(), now);
      return new SweepPlan(
          ledger.all(),
          List.of(),
          leftovers,
          previous.phase,
          previous.phaseReason(),
          previous.message,
          startTime,
          previous.completionTime,
          best,
          events,
          Optional.empty(),
          observed.priors());
    }

    Ending ending = ending(sweep, ledger, best, startTime, observed.now());
    if (ending != null) {
      List<String> stopped = new ArrayList<>(stoppedEarly);
      stopped.addAll(ledger.stopActive(ending.reason, now));
      return end(
          ending,
          previous,
          ledger,
          List.of(),
          stopped,
          startTime,
          now,
          best,
          events,
          observed.priors());
    }

    List<TrialLaunch> launches = new ArrayList<>();
    boolean exhausted = false;
    boolean waiting = false;
    String failure = null;
    int next = ledger.highestNumber() + 1;
    int active = ledger.active();
    while (active < sweep.maxConcurrentTrials() && next <= sweep.maxTrials()) {
      SearchHistory history = SearchHistory.EMPTY;
      if (sweep.sampler().learnsFromHistory()) {
        Optional<SearchHistory> visible =
            ledger.historyFor(next, sweep.maxConcurrentTrials(), sweep.goal(), observed.priors());
        if (visible.isEmpty()) {
          break;
        }
        history = visible.get();
      }
      Suggestion suggestion = suggestions.suggest(next, history);
      if (suggestion instanceof Suggestion.Exhausted) {
        exhausted = true;
        break;
      }
      if (suggestion instanceof Suggestion.Pending) {
        waiting = true;
        break;
      }
      if (suggestion instanceof Suggestion.Failed failed) {
        failure = failed.message();
        break;
      }
      SortedMap<String, String> params = ((Suggestion.Ready) suggestion).parameters();
      launches.add(new TrialLaunch(next, params));
      ledger.addPending(sweepName, next, params, now);
      events.add(
          new SweepEvent(
              false,
              "TrialCreated",
              "trial " + next + " created " + SweepEvent.parameters(params)));
      next++;
      active++;
    }
    if (!launches.isEmpty() && startTime == null) {
      startTime = now;
    }
    if (failure != null) {
      // Not an ending: the sampler is retried, and the condition says what went wrong.
      events.add(new SweepEvent(true, "SuggestionFailed", failure));
      return new SweepPlan(
          ledger.all(),
          launches,
          stoppedEarly,
          SweepPhase.Running,
          "SuggestionFailed",
          "could not compute trial " + next + "'s parameters: " + failure,
          startTime,
          null,
          best,
          events,
          Optional.of(Duration.ofSeconds(30)),
          observed.priors());
    }
    if (active == 0 && waiting) {
      return new SweepPlan(
          ledger.all(),
          launches,
          stoppedEarly,
          SweepPhase.Running,
          "ComputingSuggestion",
          "computing the parameters of trial " + next,
          startTime,
          null,
          best,
          events,
          Optional.empty(),
          observed.priors());
    }
    if (active == 0) {
      Ending done = completed(sweep, ledger, best, exhausted || next > sweep.maxTrials());
      return end(
          done,
          previous,
          ledger,
          launches,
          stoppedEarly,
          startTime,
          now,
          best,
          events,
          observed.priors());
    }
    String since = startTime == null ? now : startTime;
    Optional<Duration> requeue = sweep.timeout().map(t -> remaining(t, since, observed.now()));
    Optional<Instant> pendingDeadline =
        ledger.oldestPending().map(t -> t.plus(sweep.pendingTimeout()).plusSeconds(1));
    if (pendingDeadline.isPresent()) {
      Duration untilDeadline = Duration.between(observed.now(), pendingDeadline.get());
      Duration wait = untilDeadline.isNegative() ? Duration.ofSeconds(1) : untilDeadline;
      requeue = Optional.of(requeue.filter(r -> r.compareTo(wait) < 0).orElse(wait));
    }
    if (curves != null) {
      // Logs are polled: nothing else wakes the operator when a running trial prints a line.
      Duration poll = sweep.pollInterval();
      requeue = Optional.of(requeue.filter(r -> r.compareTo(poll) < 0).orElse(poll));
    }
    String message =
        active
            + " trial(s) active, "
            + ledger.finished().size()
            + " of "
            + sweep.maxTrials()
            + " finished";
    return new SweepPlan(
        ledger.all(),
        launches,
        stoppedEarly,
        SweepPhase.Running,
        "TrialsRunning",
        message,
        startTime,
        null,
        best,
        events,
        requeue,
        observed.priors());
  }

  private record Ending(SweepPhase phase, String reason, String message) {}

  /**
   * The plan of a sweep that ends now. Re-planning an ended sweep after a spec edit that changes
   * nothing about its ending keeps its completion time and does not announce the ending again.
   */
  private static SweepPlan end(
      Ending ending,
      SweepStatus previous,
      TrialLedger ledger,
      List<TrialLaunch> launches,
      List<String> stopped,
      String startTime,
      String now,
      Optional<TrialRecord> best,
      List<SweepEvent> events,
      List<PriorTrial> priors) {
    boolean alreadyEnded =
        previous.phase == ending.phase
            && ending.reason.equals(previous.phaseReason())
            && previous.completionTime != null;
    if (!alreadyEnded) {
      events.add(new SweepEvent(ending.phase == SweepPhase.Failed, ending.reason, ending.message));
    }
    return new SweepPlan(
        ledger.all(),
        launches,
        stopped,
        ending.phase,
        ending.reason,
        ending.message,
        startTime,
        alreadyEnded ? previous.completionTime : now,
        best,
        events,
        Optional.empty(),
        priors);
  }

  private static Ending ending(
      ValidatedSweep sweep,
      TrialLedger ledger,
      Optional<TrialRecord> best,
      String startTime,
      Instant now) {
    if (best.isPresent()
        && sweep.target().isPresent()
        && sweep.goal().reaches(best.get().objectiveValue, sweep.target().get())) {
      return new Ending(
          SweepPhase.Succeeded,
          "TargetReached",
          "trial "
              + best.get().number
              + " reached "
              + sweep.metric()
              + "="
              + best.get().objectiveValue
              + " (target "
              + sweep.target().get()
              + ")");
    }
    int failed = ledger.count(TrialState.Failed);
    if (failed > sweep.maxFailedTrials()) {
      return new Ending(
          SweepPhase.Failed,
          "MaxFailedTrialsExceeded",
          failed + " trials failed, more than maxFailedTrials=" + sweep.maxFailedTrials());
    }
    if (sweep.timeout().isPresent() && startTime != null) {
      Instant deadline = Instant.parse(startTime).plus(sweep.timeout().get());
      if (!now.isBefore(deadline)) {
        return new Ending(
            best.isPresent() ? SweepPhase.Succeeded : SweepPhase.Failed,
            "TimeoutReached",
            "the sweep ran for its timeout of " + sweep.timeout().get().toSeconds() + "s");
      }
    }
    return null;
  }

  private static Ending completed(
      ValidatedSweep sweep, TrialLedger ledger, Optional<TrialRecord> best, boolean noMore) {
    if (best.isEmpty()) {
      return new Ending(
          SweepPhase.Failed, "NoSuccessfulTrial", "no trial reported " + sweep.metric());
    }
    String reason =
        noMore && ledger.highestNumber() < sweep.maxTrials()
            ? "SearchSpaceExhausted"
            : "MaxTrialsReached";
    return new Ending(
        SweepPhase.Succeeded,
        reason,
        ledger.highestNumber()
            + " trials ran; best is trial "
            + best.get().number
            + " with "
            + sweep.metric()
            + "="
            + best.get().objectiveValue);
  }

  private static Optional<SweepEvent> newBestEvent(
      TrialRecord previousBest, Optional<TrialRecord> best, String metric) {
    if (best.isEmpty() || previousBest != null && previousBest.number == best.get().number) {
      return Optional.empty();
    }
    return Optional.of(
        new SweepEvent(
            false,
            "NewBestTrial",
            "trial "
                + best.get().number
                + " is the new best: "
                + metric
                + "="
                + best.get().objectiveValue
                + " "
                + SweepEvent.parameters(best.get().parameters)));
  }

  private static Duration remaining(Duration timeout, String startTime, Instant now) {
    Duration left = Duration.between(now, Instant.parse(startTime).plus(timeout));
    return left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1);
  }

  /** RFC 3339 at second precision, as Kubernetes writes times. */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
