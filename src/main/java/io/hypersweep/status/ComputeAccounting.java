package io.hypersweep.status;

import io.hypersweep.api.TrialRecord;
import io.hypersweep.api.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Status helper: how much trial time a sweep used and how much early termination saved.
 *
 * @param trialSeconds the summed durations (start to completion) of finished trials
 * @param trialSecondsSaved for each early-stopped trial, the steps it did not run (up to the
 *     largest last step of a succeeded trial) times its own seconds per step, rounded
 */
record ComputeAccounting(long trialSeconds, long trialSecondsSaved) {

  static ComputeAccounting of(List<TrialRecord> trials) {
    long total = 0;
    long fullRun = -1;
    for (TrialRecord t : trials) {
      if (t.state.isFinished()) {
        total += seconds(t);
      }
      if (t.state == TrialState.Succeeded && !t.curve.isEmpty()) {
        fullRun = Math.max(fullRun, t.curve.get(t.curve.size() - 1).step);
      }
    }
    double saved = 0;
    for (TrialRecord t : trials) {
      if (t.state != TrialState.EarlyStopped || t.stoppedAtStep == null || t.stoppedAtStep < 1) {
        continue;
      }
      // The trial ran until its last reported step, which may be past the step it was judged at.
      long ran =
          Math.max(t.stoppedAtStep, t.curve.isEmpty() ? 0 : t.curve.get(t.curve.size() - 1).step);
      if (fullRun > ran) {
        saved += (fullRun - ran) * (seconds(t) / (double) ran);
      }
    }
    return new ComputeAccounting(total, Math.round(saved));
  }

  private static long seconds(TrialRecord t) {
    if (t.startTime == null || t.completionTime == null) {
      return 0;
    }
    try {
      Duration d = Duration.between(Instant.parse(t.startTime), Instant.parse(t.completionTime));
      return Math.max(0, d.toSeconds());
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
