package io.hypersweep.trial;

import java.util.OptionalInt;

/** Deterministic names of trial Jobs, so a restarted operator finds what it created. */
public final class TrialNames {
  private TrialNames() {}

  /** The Job name of trial {@code number} of sweep {@code sweepName}. */
  public static String jobName(String sweepName, int number) {
    return sweepName + "-" + number;
  }

  /** The trial number a Job name encodes for that sweep, if it is one of its trial Jobs. */
  public static OptionalInt trialNumber(String sweepName, String jobName) {
    String prefix = sweepName + "-";
    if (jobName == null || !jobName.startsWith(prefix)) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(jobName.substring(prefix.length()));
      // Only the spelling jobName writes: "demo-03" or "demo-+3" would alias trial 3.
      return n > 0 && jobName(sweepName, n).equals(jobName)
          ? OptionalInt.of(n)
          : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
