package io.hypersweep.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Number of trials in each state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrialCounts {
  public int pending;
  public int running;
  public int succeeded;
  public int failed;
  public int stopped;
  public int earlyStopped;

  /** Counts the trials of a status. */
  public static TrialCounts of(Iterable<TrialRecord> trials) {
    TrialCounts c = new TrialCounts();
    for (TrialRecord t : trials) {
      switch (t.state) {
        case Pending -> c.pending++;
        case Running -> c.running++;
        case Succeeded -> c.succeeded++;
        case Failed -> c.failed++;
        case Stopped -> c.stopped++;
        case EarlyStopped -> c.earlyStopped++;
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialCounts c
        && pending == c.pending
        && running == c.running
        && succeeded == c.succeeded
        && failed == c.failed
        && stopped == c.stopped
        && earlyStopped == c.earlyStopped;
  }

  @Override
  public int hashCode() {
    return Objects.hash(pending, running, succeeded, failed, stopped, earlyStopped);
  }
}
